"use client";

import { useEffect, useState, type ReactNode } from "react";
import { usePathname } from "next/navigation";
import { useT } from "../i18n";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { IconMenu, IconX } from "../ui/icons";
import { LanguageSwitch } from "./language-switch";
import { ProductSwitcher } from "./product-switcher";
import { QuotaMeter } from "./quota-meter";
import { Sidebar } from "./sidebar";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu, type ShellUser } from "./user-menu";

/** The signed-in frame: sidebar (a drawer below 1024 px), compact header, scrolling main area. */
export function AppShell({ user, demo, children }: { user: ShellUser; demo: boolean; children: ReactNode }) {
  const t = useT("shell");
  const [drawer, setDrawer] = useState(false);
  const pathname = usePathname();
  // biome-ignore lint/correctness/useExhaustiveDependencies: navigating closes the drawer
  useEffect(() => setDrawer(false), [pathname]);

  return (
    <div className="flex min-h-dvh">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-[70] focus:rounded-md focus:bg-panel focus:px-3 focus:py-2 focus:shadow-pop"
      >
        {t("skipToContent")}
      </a>
      {/* The column stretches to the page's full height and carries the background; the sidebar
          inside it stays in view while the page scrolls. */}
      <div data-testid="sidebar-column" className="hidden w-56 shrink-0 border-r border-line bg-sunken lg:block">
        <aside className="sticky top-0 h-dvh">
          <Sidebar role={user.role} demo={demo} />
        </aside>
      </div>
      {drawer ? (
        <div className="fixed inset-0 z-50 lg:hidden">
          <div className="absolute inset-0 bg-black/40" onClick={() => setDrawer(false)} aria-hidden="true" />
          <aside className="absolute inset-y-0 left-0 w-64 border-r border-line bg-sunken shadow-pop">
            <Button
              variant="ghost"
              size="icon-sm"
              className="absolute right-2 top-2.5"
              aria-label={t("closeMenu")}
              onClick={() => setDrawer(false)}
            >
              <IconX />
            </Button>
            <Sidebar role={user.role} demo={demo} onNavigate={() => setDrawer(false)} />
          </aside>
        </div>
      ) : null}
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-40 flex h-12 shrink-0 items-center gap-2 border-b border-line bg-panel/85 px-3 backdrop-blur supports-[backdrop-filter]:bg-panel/75 sm:px-4">
          <Button
            variant="ghost"
            size="icon-sm"
            className="lg:hidden"
            aria-label={t("openMenu")}
            aria-expanded={drawer}
            onClick={() => setDrawer(true)}
          >
            <IconMenu />
          </Button>
          <div className="min-w-0 flex-1">
            <ProductSwitcher />
          </div>
          <div className={cn("flex shrink-0 items-center gap-1 sm:gap-2")}>
            <QuotaMeter />
            <span className="hidden h-5 w-px bg-line sm:block" aria-hidden="true" />
            <LanguageSwitch />
            <ThemeToggle />
            <UserMenu user={user} />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-5 outline-none sm:px-6">
          {children}
        </main>
      </div>
    </div>
  );
}
