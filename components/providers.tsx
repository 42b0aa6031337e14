"use client";

import { useState, type ReactNode } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import type { Locale } from "@/lib/i18n/core";
import { makeQueryClient } from "@/lib/queries/query-client";
import { I18nProvider } from "./i18n";
import { ThemeProvider } from "./theme";
import type { Theme } from "./preferences";
import { ToastProvider } from "./ui/toast";

/** Everything client components need, mounted once in app/layout.tsx. */
export function Providers({ locale, timeZone, theme, children }: { locale: Locale; timeZone: string; theme: Theme; children: ReactNode }) {
  // One client per browser tab; useState keeps it across re-renders without a module singleton
  // that would leak between server requests.
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale={locale} timeZone={timeZone}>
        <ThemeProvider initialTheme={theme}>
          <ToastProvider>{children}</ToastProvider>
        </ThemeProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
