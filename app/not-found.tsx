import { translator } from "@/lib/i18n/core";
import { shell } from "@/lib/i18n/messages/shell";
import { buttonVariants } from "@/components/ui/button";
import { getRequestLocale } from "./request-locale";

export default async function NotFound() {
  const t = translator(shell, await getRequestLocale());
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 px-6 text-center">
      <p className="font-mono text-sm text-ink-subtle">404</p>
      <h1 className="text-xl font-semibold text-ink">{t("notFoundTitle")}</h1>
      <p className="max-w-sm text-[13px] text-ink-muted">{t("notFoundBody")}</p>
      {/* A plain link, not next/link: this root boundary's client chunks load on every route, and
          next/link there was a second copy of the one the shell already loads (issue 17). */}
      <a href="/" className={buttonVariants({ variant: "primary", size: "sm", className: "mt-2" })}>
        {t("backHome")}
      </a>
    </main>
  );
}
