"use client";

import type { Locale } from "@/lib/i18n/core";
import { useLocale, useSetLocale, useT } from "../i18n";
import { cn } from "../ui/cn";

const OPTIONS: { value: Locale; label: string; full: string }[] = [
  { value: "zh-CN", label: "中", full: "简体中文" },
  { value: "en", label: "EN", full: "English" },
];

export function LanguageSwitch({ className }: { className?: string }) {
  const t = useT("shell");
  const locale = useLocale();
  const { setLocale, pending } = useSetLocale();
  return (
    <div
      role="group"
      aria-label={t("language")}
      aria-busy={pending || undefined}
      className={cn("inline-flex h-7 items-center rounded-md border border-line bg-sunken p-0.5", className)}
    >
      {OPTIONS.map((o) => (
        <button
          key={o.value}
          type="button"
          lang={o.value}
          aria-pressed={locale === o.value}
          aria-label={o.full}
          title={o.full}
          onClick={() => locale !== o.value && setLocale(o.value)}
          className={cn(
            "h-full min-w-7 rounded px-1.5 text-xs font-medium transition-colors",
            locale === o.value ? "bg-panel text-ink shadow-panel" : "text-ink-subtle hover:text-ink",
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
