"use client";

import { createContext, useCallback, useContext, useMemo, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { LOCALE_COOKIE, translator, type Dict, type Locale, type Messages, type Translator } from "@/lib/i18n/core";
import {
  formatBytes,
  formatCompact,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRelative,
  type DateInput,
  type DateStyle,
} from "@/lib/format";
import { setPreferenceCookie } from "./preferences";

interface I18nContextValue {
  locale: Locale;
  timeZone: string;
}

const I18nContext = createContext<I18nContextValue | null>(null);

/** Locale and time zone come from the server (cookie and CONSOLE_TIMEZONE) so SSR and hydration agree. */
export function I18nProvider({ locale, timeZone, children }: { locale: Locale; timeZone: string; children: ReactNode }) {
  const value = useMemo(() => ({ locale, timeZone }), [locale, timeZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18nContext(): I18nContextValue {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("i18n hooks must be used inside <I18nProvider>");
  return ctx;
}

export function useLocale(): Locale {
  return useI18nContext().locale;
}

/** The console's display time zone (CONSOLE_TIMEZONE). */
export function useTimeZone(): string {
  return useI18nContext().timeZone;
}

/** A typed translator for one namespace: `const t = useT(devices); t("title")`. */
export function useT<D extends Dict>(messages: Messages<D>): Translator<D> {
  const locale = useLocale();
  return useMemo(() => translator(messages, locale), [messages, locale]);
}

/** lib/format bound to the current locale and the console's time zone. */
export function useFormat() {
  const { locale, timeZone } = useI18nContext();
  return useMemo(
    () => ({
      dateTime: (v: DateInput | null | undefined, style?: DateStyle) => formatDateTime(v, { timeZone, style }),
      relative: (v: DateInput | null | undefined, now?: number) => formatRelative(v, locale, now),
      number: (v: number | null | undefined, options?: Intl.NumberFormatOptions) => formatNumber(v, locale, options),
      compact: (v: number | null | undefined) => formatCompact(v, locale),
      percent: (ratio: number | null | undefined, digits?: number) => formatPercent(ratio, locale, digits),
      duration: (ms: number | null | undefined) => formatDuration(ms, locale),
      bytes: (v: number | null | undefined) => formatBytes(v, locale),
    }),
    [locale, timeZone],
  );
}

/**
 * Switching language writes the cookie and re-renders the server tree, so server-rendered text,
 * API error messages (the server reads the same cookie) and client text all change together.
 */
export function useSetLocale(): { setLocale: (l: Locale) => void; pending: boolean } {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const setLocale = useCallback(
    (l: Locale) => {
      setPreferenceCookie(LOCALE_COOKIE, l);
      document.documentElement.lang = l;
      startTransition(() => router.refresh());
    },
    [router],
  );
  return { setLocale, pending };
}
