import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { cookies } from "next/headers";
import { env } from "@/server/env";
import { translator } from "@/lib/i18n/core";
import { common } from "@/lib/i18n/messages/common";
import { Providers } from "@/components/providers";
import { MessagesProvider } from "@/components/i18n";
import { localeTables } from "@/server/i18n";
import { isTheme, THEME_COOKIE, themeInitScript } from "@/components/preferences";
import { getRequestLocale } from "./request-locale";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = translator(common, await getRequestLocale());
  return { title: { default: t("appName"), template: `%s · ${t("appName")}` }, robots: { index: false, follow: false } };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f7f8fa" },
    { media: "(prefers-color-scheme: dark)", color: "#0d0f12" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getRequestLocale();
  const themeCookie = (await cookies()).get(THEME_COOKIE)?.value;
  const theme = isTheme(themeCookie) ? themeCookie : "system";
  return (
    // The inline script may add "dark" before hydration when the theme follows the OS.
    <html lang={locale} className={theme === "dark" ? "dark" : undefined} suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of ours that sets the theme class before first paint */}
        <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body className="bg-canvas text-ink antialiased">
        {/* Outside Providers: the toasts it renders beside the page ask for "shell" too. */}
        <MessagesProvider tables={localeTables(locale, ["common", "shell"])}>
          <Providers locale={locale} timeZone={env().CONSOLE_TIMEZONE} theme={theme}>
            {children}
          </Providers>
        </MessagesProvider>
      </body>
    </html>
  );
}
