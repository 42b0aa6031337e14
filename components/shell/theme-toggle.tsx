"use client";

import type { Theme } from "../preferences";
import { useTheme } from "../theme";
import { useT } from "../i18n";
import { Button } from "../ui/button";
import { IconMonitor, IconMoon, IconSun } from "../ui/icons";

const NEXT: Record<Theme, Theme> = { light: "dark", dark: "system", system: "light" };
const LABEL = { light: "themeLight", dark: "themeDark", system: "themeSystem" } as const;

/** Cycles light → dark → system. */
export function ThemeToggle() {
  const t = useT("shell");
  const { theme, setTheme } = useTheme();
  const Icon = theme === "light" ? IconSun : theme === "dark" ? IconMoon : IconMonitor;
  const label = t("themeSwitch", { theme: t(LABEL[theme]) });
  return (
    <Button variant="ghost" size="icon" aria-label={label} title={label} data-theme-choice={theme} onClick={() => setTheme(NEXT[theme])}>
      <Icon />
    </Button>
  );
}
