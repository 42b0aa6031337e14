/**
 * Minimal typed i18n: every namespace is a file under lib/i18n/messages that exports
 * `defineMessages({ en: {...}, "zh-CN": {...} })`. zh-CN must have exactly the keys of en,
 * so a missing translation is a type error (and lib/i18n/messages.test.ts checks values).
 */
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
export const LOCALE_COOKIE = "gw_locale";

export type Dict = Record<string, string>;
export interface Messages<D extends Dict> {
  en: D;
  "zh-CN": { [K in keyof D]: string };
}

export function defineMessages<D extends Dict>(m: Messages<D>): Messages<D> {
  return m;
}

export function isLocale(v: unknown): v is Locale {
  return v === "zh-CN" || v === "en";
}

/** Picks a locale from a cookie value, then an Accept-Language header. */
export function resolveLocale(cookie: string | undefined | null, acceptLanguage?: string | null): Locale {
  if (isLocale(cookie)) return cookie;
  if (acceptLanguage) {
    for (const part of acceptLanguage.split(",")) {
      const tag = part.split(";")[0]?.trim().toLowerCase() ?? "";
      if (tag.startsWith("zh")) return "zh-CN";
      if (tag.startsWith("en")) return "en";
    }
  }
  return DEFAULT_LOCALE;
}

/** Replaces `{name}` placeholders. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** A text in every locale, for messages built once and shown in the reader's language (errors, validation results). */
export type LocalizedText = Record<Locale, string>;

/** One catalogue entry in every locale, placeholders filled. */
export function localized<D extends Dict>(
  messages: Messages<D>,
  key: keyof D & string,
  vars?: Record<string, string | number>,
): LocalizedText {
  return { en: format(messages.en[key], vars), "zh-CN": format(messages["zh-CN"][key], vars) };
}

export type Translator<D extends Dict> = (key: keyof D & string, vars?: Record<string, string | number>) => string;

export function translator<D extends Dict>(messages: Messages<D>, locale: Locale): Translator<D> {
  const table = messages[locale] as Record<string, string>;
  return (key, vars) => format(table[key] ?? (messages.en as Record<string, string>)[key] ?? key, vars);
}
