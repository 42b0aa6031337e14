"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import type { ComponentType } from "react";
import { can, type Role } from "@/lib/plain/roles";
import { useT } from "../i18n";
import { cn } from "../ui/cn";
import { IconAudit, IconDevices, IconGroups, IconJobs, IconOverview, IconReports, IconSettings, IconUsers } from "../ui/icons";
import { isActive, NAV_ITEMS, type NavItem } from "./nav-items";

const ICONS: Record<NavItem["icon"], ComponentType<{ size?: number; className?: string }>> = {
  overview: IconOverview,
  devices: IconDevices,
  groups: IconGroups,
  jobs: IconJobs,
  users: IconUsers,
  reports: IconReports,
  audit: IconAudit,
  settings: IconSettings,
};

export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" className={className}>
      <rect width="24" height="24" rx="6" fill="var(--accent)" />
      <path
        d="M6.5 12a5.5 5.5 0 0 1 9.4-3.9M17.5 12a5.5 5.5 0 0 1-9.4 3.9"
        stroke="var(--accent-ink)"
        strokeWidth="2"
        fill="none"
        strokeLinecap="round"
      />
      <circle cx="12" cy="12" r="1.8" fill="var(--accent-ink)" />
    </svg>
  );
}

export function Sidebar({ role, demo, onNavigate }: { role: Role; demo: boolean; onNavigate?: () => void }) {
  const t = useT("shell");
  const tc = useT("common");
  const pathname = usePathname();
  const sp = useSearchParams();
  // Carry an explicit product choice across sections so a shared link keeps its context.
  const product = sp.get("product");
  const items = NAV_ITEMS.filter((i) => can(role, i.permission));
  return (
    <div className="flex h-full flex-col">
      <Link
        href={product ? `/?product=${encodeURIComponent(product)}` : "/"}
        onClick={onNavigate}
        className="flex h-12 shrink-0 items-center gap-2.5 px-4"
      >
        <Logo />
        <span className="text-[13px] font-semibold leading-tight tracking-tight text-ink">{tc("appName")}</span>
      </Link>
      <nav aria-label={t("navMain")} className="flex-1 overflow-y-auto px-2 py-2">
        <ul className="space-y-0.5">
          {items.map((item) => {
            const active = isActive(item.href, pathname);
            const Icon = ICONS[item.icon];
            const href = product ? `${item.href}?product=${encodeURIComponent(product)}` : item.href;
            return (
              <li key={item.href}>
                <Link
                  href={href}
                  onClick={onNavigate}
                  aria-current={active ? "page" : undefined}
                  data-nav={item.href}
                  className={cn(
                    "flex h-8 items-center gap-2.5 rounded-md px-2.5 text-[13px] font-medium transition-colors",
                    active ? "bg-panel text-ink shadow-panel ring-1 ring-line" : "text-ink-muted hover:bg-hover hover:text-ink",
                  )}
                >
                  <Icon size={16} className={active ? "text-accent" : "text-ink-subtle"} />
                  {t(item.label)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {demo ? (
        <div className="m-3 rounded-md border border-dashed border-line-strong px-3 py-2 text-[11px] leading-snug text-ink-subtle">
          <span className="font-semibold text-warn">{t("demoMode")}</span> · {t("demoModeHint")}
        </div>
      ) : null}
    </div>
  );
}
