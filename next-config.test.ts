import { describe, expect, it } from "vitest";

// next.config.mjs is plain JS (allowJs is off): load it untyped and describe what the test reads.
const nextConfig = (await import(/* @vite-ignore */ "./next.config.mjs" as string)) as { default: { headers: () => Promise<unknown> } };

type Rule = { source: string; has?: { type: string; key: string; value?: string }[]; headers: { key: string; value: string }[] };

describe("security headers (next.config.mjs)", () => {
  it("sends a CSP that keeps scripts, frames, forms and plugins to the console's own origin", async () => {
    const rules = (await nextConfig.default.headers()) as Rule[];
    const all = rules.find((r) => r.source === "/:path*" && !r.has)!;
    const h = Object.fromEntries(all.headers.map((x) => [x.key, x.value]));
    const csp = h["Content-Security-Policy"]!;
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/form-action 'self'/);
    expect(csp).toMatch(/base-uri 'self'/);
    // No foreign script host anywhere.
    expect(csp.match(/script-src ([^;]*)/)![1]).not.toMatch(/https?:|\*/);
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("same-origin");
  });

  it("sends HSTS only for requests that came over https", async () => {
    const rules = (await nextConfig.default.headers()) as Rule[];
    const hsts = rules.filter((r) => r.headers.some((x) => x.key === "Strict-Transport-Security"));
    expect(hsts).toHaveLength(1);
    expect(hsts[0]!.has).toEqual([{ type: "header", key: "x-forwarded-proto", value: "https" }]);
  });
});
