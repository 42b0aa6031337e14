"use client";

import { createContext, useCallback, useContext, useMemo, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { Catalogues, LocaleTables, Namespace } from "@/lib/i18n/catalogues";
import { format, LOCALE_COOKIE, translator, type Dict, type Locale, type Messages, type Translator } from "@/lib/i18n/core";
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
const TablesContext = createContext<LocaleTables>({});

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

/**
 * The message tables of some namespaces in the active locale, handed down by a server component
 * (server/i18n.ts localeTables): the root layout gives "common" and "shell", each page the
 * namespaces its client tree asks for. Nested providers add to what the outer ones give.
 */
export function MessagesProvider({ tables, children }: { tables: LocaleTables; children: ReactNode }) {
  const outer = useContext(TablesContext);
  const value = useMemo(() => ({ ...outer, ...tables }), [outer, tables]);
  return <TablesContext.Provider value={value}>{children}</TablesContext.Provider>;
}

/**
 * A typed translator for one namespace: `useT("<namespace>")` (e.g. devices) reads the table
 * the page's server component provided (only the active locale reaches the browser);
 * `useT(importedCatalogue)` reads an imported catalogue (both locales bundled: for lazy chunks).
 */
export function useT<N extends Namespace>(namespace: N): Translator<Catalogues[N]>;
export function useT<D extends Dict>(messages: Messages<D>): Translator<D>;
export function useT(source: Namespace | Messages<Dict>): Translator<Dict> {
  const locale = useLocale();
  const tables = useContext(TablesContext);
  const table = typeof source === "string" ? tables[source] : undefined;
  if (typeof source === "string" && !table) {
    throw new Error(`i18n: the page does not provide the "${source}" messages (add it to its namespaces in app/)`);
  }
  return useMemo(
    (): Translator<Dict> => (table ? (key, vars) => format(table[key] ?? key, vars) : translator(source as Messages<Dict>, locale)),
    [table, source, locale],
  );
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
