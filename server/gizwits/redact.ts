import "server-only";

const SECRET_NAME = /secret|token|password|passcode|authorization/i;

/** A URL or path safe to log: values of secret-looking query parameters are replaced. */
export function redactUrl(url: string): string {
  const [base, query] = url.split("?", 2);
  if (!query) return url;
  const sp = new URLSearchParams(query);
  for (const k of [...sp.keys()]) if (SECRET_NAME.test(k)) sp.set(k, "[redacted]");
  return `${base}?${sp.toString()}`;
}

/** Headers safe to log: Authorization and any secret-looking header are replaced. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SECRET_NAME.test(k) ? "[redacted]" : v]));
}

/** Removes known secret values from free text (e.g. an error message echoing a request). */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 6) out = out.split(s).join("[redacted]");
  return out;
}
