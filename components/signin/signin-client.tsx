"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
// next-auth's client (~10 KB gzip) loads after first paint, not in the sign-in page's first load.
const nextAuthClient = () => import("next-auth/react");
import type { DemoAccount } from "@/lib/demo-accounts";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Badge } from "@/components/ui/badge";
import { IconAlert, IconKey } from "@/components/ui/icons";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { Logo } from "@/components/shell/sidebar";
import { useRoleLabel } from "@/components/shell/role-label";

type ErrorKey = "required" | "invalid" | "throttled" | "accessDenied" | "oauthFailed" | "sessionExpired" | "failed" | "network";

/** next-auth's error codes (from ?error= or signIn's result) to our messages. */
function errorKey(code: string | null | undefined): ErrorKey | null {
  if (!code) return null;
  if (code === "CredentialsSignin") return "invalid";
  if (code === "SignInThrottled") return "throttled";
  if (code === "AccessDenied") return "accessDenied";
  if (code === "SessionRequired") return "sessionExpired";
  if (/^OAuth|Callback|OIDC/i.test(code)) return "oauthFailed";
  return "failed";
}

export function SignInClient({
  callbackUrl,
  initialError,
  demoAccounts,
}: {
  callbackUrl: string | null;
  initialError: string | null;
  demoAccounts: DemoAccount[];
}) {
  const t = useT("signin");
  const tc = useT("common");
  const roles = useRoleLabel();
  const id = useId();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ErrorKey | null>(errorKey(initialError));
  const [pending, setPending] = useState(false);
  const [oidc, setOidc] = useState(false);
  // Until React has hydrated, a native submit would send the password in a GET query string.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    nextAuthClient()
      .then(({ getProviders }) => getProviders())
      .then((p) => live && setOidc(Boolean(p && "oidc" in p)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const target = () => safeCallbackPath(callbackUrl, window.location.origin);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError("required");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const { signIn } = await nextAuthClient();
      const res = await signIn("credentials", { redirect: false, username: username.trim(), password });
      if (res?.ok && !res.error) {
        // A full load, so the server renders the shell with the new session cookie.
        window.location.assign(target());
        return;
      }
      setError(errorKey(res?.error) ?? "failed");
      setPassword("");
      passwordRef.current?.focus();
    } catch {
      setError("network");
    }
    setPending(false);
  }

  return (
    <div className="relative flex min-h-dvh flex-col items-center justify-center px-4 py-10">
      <div className="absolute right-4 top-3 flex items-center gap-2">
        <LanguageSwitch />
        <ThemeToggle />
      </div>
      <div className="w-full max-w-sm">
        <div className="mb-6 flex flex-col items-center gap-3 text-center">
          <Logo className="h-9 w-9" />
          <div>
            <h1 className="text-lg font-semibold tracking-tight text-ink">{tc("appName")}</h1>
            <p className="mt-0.5 text-[13px] text-ink-muted">{t("subtitle")}</p>
          </div>
        </div>
        <div className="rounded-xl border border-line bg-panel p-6 shadow-panel">
          <h2 className="mb-4 text-[15px] font-semibold text-ink">{t("title")}</h2>
          <form onSubmit={onSubmit} method="post" noValidate className="space-y-3.5" aria-describedby={error ? `${id}-error` : undefined}>
            <Field label={t("username")} htmlFor={`${id}-u`}>
              <Input
                id={`${id}-u`}
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                autoFocus
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                invalid={error === "required" && !username.trim()}
              />
            </Field>
            <Field label={t("password")} htmlFor={`${id}-p`}>
              <Input
                ref={passwordRef}
                id={`${id}-p`}
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                invalid={error === "required" && !password}
              />
            </Field>
            {error ? (
              <p
                id={`${id}-error`}
                role="alert"
                data-testid="signin-error"
                className="flex items-start gap-2 rounded-md border border-bad/30 bg-bad-soft px-3 py-2 text-[13px] text-bad"
              >
                <IconAlert className="mt-0.5 shrink-0" />
                {t(error)}
              </p>
            ) : null}
            <Button type="submit" variant="primary" size="lg" className="w-full" loading={pending} disabled={!hydrated || pending}>
              {pending ? t("submitting") : t("submit")}
            </Button>
          </form>
          {oidc ? (
            <>
              <div className="my-4 flex items-center gap-3 text-xs text-ink-subtle">
                <span className="h-px flex-1 bg-line" />
                {t("or")}
                <span className="h-px flex-1 bg-line" />
              </div>
              <Button
                size="lg"
                className="w-full"
                onClick={() => void nextAuthClient().then(({ signIn }) => signIn("oidc", { callbackUrl: target() }))}
                data-testid="signin-oidc"
              >
                <IconKey />
                {t("oidc")}
              </Button>
            </>
          ) : null}
        </div>
        {demoAccounts.length > 0 ? (
          <section
            className="mt-4 rounded-xl border border-dashed border-line-strong bg-panel/60 p-4"
            aria-labelledby={`${id}-demo`}
            data-testid="demo-accounts"
          >
            <h2 id={`${id}-demo`} className="text-[13px] font-semibold text-ink">
              {t("demoTitle")}
            </h2>
            <p className="mt-0.5 text-xs text-ink-muted">{t("demoBody")}</p>
            <ul className="mt-3 divide-y divide-line">
              {demoAccounts.map((a) => (
                <li key={a.username} className="flex items-center gap-3 py-1.5 text-[13px]">
                  <span className="w-16 font-mono text-xs text-ink">{a.username}</span>
                  <Badge tone="accent">{roles.label(a.role)}</Badge>
                  <span className="min-w-0 flex-1 truncate font-mono text-xs text-ink-subtle">{a.password}</span>
                  <Button
                    size="xs"
                    variant="ghost"
                    onClick={() => {
                      setUsername(a.username);
                      setPassword(a.password);
                      setError(null);
                    }}
                    aria-label={`${t("demoUse")} ${a.username}`}
                  >
                    {t("demoUse")}
                  </Button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <p className="mt-6 text-center text-xs text-ink-subtle">{t("footer")}</p>
      </div>
    </div>
  );
}
