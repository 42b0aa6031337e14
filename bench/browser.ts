/** Debian Chromium for the browser benchmarks (views, LCP), and a signed-in session for it. */
import { type Browser, chromium } from "@playwright/test";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
}

/** A `Cookie:` header value (as BenchConsole.signIn returns it) as cookies of `origin` for a browser context. */
export function sessionCookies(cookie: string, origin: string): { name: string; value: string; url: string }[] {
  return cookie.split("; ").map((kv) => {
    const i = kv.indexOf("=");
    return { name: kv.slice(0, i), value: kv.slice(i + 1), url: origin };
  });
}
