// @ts-check
/**
 * The security headers on every answer, in one place for both ways a request is answered:
 * next.config.mjs hands them to Next (`headers()`), and the fast lane (server/http/fast-lane.ts)
 * sets them on the reads it answers without Next's router. Plain JavaScript so that
 * next.config.mjs can import it.
 *
 * The Content-Security-Policy allows scripts, styles, images and connections from the console's
 * own origin only, no plugins, no framing (frame-ancestors) and no foreign form targets or
 * <base>. Inline scripts stay allowed ('unsafe-inline'): Next's RSC payload and the theme-init
 * script in app/layout.tsx are inline, and nonces would force every page (sign-in included) to
 * render dynamically; echarts draws on canvas but sets inline styles, and chart exports are
 * data:/blob: URLs. `next dev` also needs eval and a websocket.
 */

/**
 * @param {boolean} dev
 * @returns {{ key: string, value: string }[]}
 */
export function securityHeaders(dev) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  ];
}

/**
 * HSTS, sent only when the request reached the console over https: through a TLS-terminating
 * proxy (CONSOLE_TRUSTED_PROXY; the request guard drops a client's own X-Forwarded-Proto).
 */
export const HSTS = { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" };
