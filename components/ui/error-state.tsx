"use client";

import { ApiError, isSchemaError } from "@/lib/api-error";
import { useFormat, useT } from "../i18n";
import { Button } from "./button";
import { cn } from "./cn";
import { IconAlert, IconRefresh } from "./icons";

/** What to tell the user about a failed read. Exported for toasts and inline messages. */
export function useErrorText(): (error: unknown) => { title: string; message: string; detail?: string; retryAt?: number } {
  const t = useT("shell");
  const f = useFormat();
  return (error) => {
    if (error instanceof ApiError) {
      if (error.code === "QUOTA_EXHAUSTED") {
        const retryAt = error.retryAfter ? Date.now() + error.retryAfter * 1000 : undefined;
        return {
          title: t("errorTitle"),
          message: retryAt ? t("errorQuota", { time: f.dateTime(retryAt, "time"), relative: f.relative(retryAt) }) : t("errorQuotaNoTime"),
          retryAt,
        };
      }
      if (error.code === "UNAUTHORIZED") return { title: t("errorSignIn"), message: error.message };
      // A known capability gap: the server's message says what is missing and what to ask Gizwits for.
      if (error.code === "NOT_ENABLED") return { title: t("notEnabledTitle"), message: error.message };
      return {
        title: t("errorTitle"),
        message: error.message,
        detail: error.upstreamCode !== undefined ? t("errorUpstreamCode", { code: error.upstreamCode }) : undefined,
      };
    }
    if (isSchemaError(error)) return { title: t("errorTitle"), message: t("errorUnexpected") };
    if (error instanceof TypeError) return { title: t("errorTitle"), message: t("errorNetwork") };
    return { title: t("errorTitle"), message: error instanceof Error && error.message ? error.message : t("errorTitle") };
  };
}

/**
 * A failed read, in place of the content it was meant to show: the server's (localized) message,
 * the Gizwits error code when there is one, the reset time when the quota is spent, and Retry.
 */
export function ErrorState({
  error,
  onRetry,
  compact,
  className,
}: {
  error: unknown;
  onRetry?: () => void;
  compact?: boolean;
  className?: string;
}) {
  const tc = useT("common");
  const t = useT("shell");
  const text = useErrorText()(error);
  const unauthorized = error instanceof ApiError && error.code === "UNAUTHORIZED";
  const quota = error instanceof ApiError && error.code === "QUOTA_EXHAUSTED";
  const notEnabled = error instanceof ApiError && error.code === "NOT_ENABLED";
  return (
    <div
      role={notEnabled ? "status" : "alert"}
      data-error-code={error instanceof ApiError ? error.code : undefined}
      className={cn("flex flex-col items-center justify-center text-center", compact ? "gap-1.5 px-4 py-6" : "gap-2 px-6 py-12", className)}
    >
      <div
        className={cn(
          "mb-1 flex h-9 w-9 items-center justify-center rounded-full",
          notEnabled ? "bg-accent-soft text-accent" : quota ? "bg-warn-soft text-warn" : "bg-bad-soft text-bad",
        )}
      >
        <IconAlert />
      </div>
      <p className="text-sm font-medium text-ink">{text.title}</p>
      <p className="max-w-md text-[13px] text-ink-muted">{text.message}</p>
      {text.detail ? <p className="font-mono text-xs text-ink-subtle">{text.detail}</p> : null}
      <div className="mt-2 flex gap-2">
        {unauthorized ? (
          <a className="text-sm text-accent hover:underline" href="/signin">
            {t("errorSignInAction")}
          </a>
        ) : onRetry && !notEnabled ? (
          <Button size="sm" onClick={onRetry}>
            <IconRefresh size={14} />
            {tc("retry")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
