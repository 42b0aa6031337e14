/**
 * Names and helpers for the browser-side preferences (theme, selected product). Kept out of the
 * "use client" modules so server components (the layouts) can read the same constants.
 */
export const THEME_COOKIE = "gw_theme";
export const PRODUCT_COOKIE = "gw_product";
export const THEMES = ["light", "dark", "system"] as const;
export type Theme = (typeof THEMES)[number];

export function isTheme(v: unknown): v is Theme {
  return v === "light" || v === "dark" || v === "system";
}

const YEAR = 365 * 24 * 3600;

/** Preferences are not secrets: a plain, script-readable, same-site cookie. */
export function setPreferenceCookie(name: string, value: string): void {
  // biome-ignore lint/suspicious/noDocumentCookie: one plain preference cookie; the Cookie Store API is not in every supported browser
  document.cookie = `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${YEAR}; SameSite=Lax`;
}

/**
 * Runs in <head> before the first paint so a dark-mode user never sees a white flash: the cookie
 * (which the server also reads) wins, then the OS preference.
 */
export const themeInitScript = `(function(){try{var m=document.cookie.match(/(?:^|; )${THEME_COOKIE}=([^;]*)/);var t=m?decodeURIComponent(m[1]):"system";var d=t==="dark"||(t!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);var e=document.documentElement;e.classList.toggle("dark",d);e.style.colorScheme=d?"dark":"light";}catch(_){}})();`;
