"use client";

import Link from "next/link";
import type { ComponentType } from "react";
import { can, type Role } from "@/lib/roles";
import { shell } from "@/lib/i18n/messages/shell";
import { useT } from "../i18n";
import { Card } from "../ui/card";
import { IconAudit, IconDevices, IconGroups, IconReports, IconSettings, IconUsers } from "../ui/icons";
import { PageHeader } from "../ui/page-header";
import { NAV_ITEMS } from "./nav-items";
import { useRoleLabel } from "./role-label";

const BLURB = {
  "/devices": ["welcomeDevices", IconDevices],
  "/groups": ["welcomeGroups", IconGroups],
  "/users": ["welcomeUsers", IconUsers],
  "/reports": ["welcomeReports", IconReports],
  "/audit": ["welcomeAudit", IconAudit],
  "/settings": ["welcomeSettings", IconSettings],
} as const satisfies Record<string, readonly [keyof typeof shell.en, ComponentType<{ size?: number }>]>;

/** Overview placeholder until the overview dashboard lands: where each role can go. */
export function Welcome({ name, role }: { name: string; role: Role }) {
  const t = useT(shell);
  const roles = useRoleLabel();
  const items = NAV_ITEMS.filter((i) => i.href in BLURB && can(role, i.permission));
  return (
    <>
      <PageHeader title={t("welcomeTitle", { name })} description={t("welcomeBody", { role: roles.label(role) })} />
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {items.map((item) => {
          const [blurb, Icon] = BLURB[item.href as keyof typeof BLURB];
          return (
            <Card key={item.href} className="transition-colors hover:border-line-strong">
              <Link href={item.href} className="flex items-start gap-3 rounded-lg p-4">
                <span className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md bg-accent-soft text-accent">
                  <Icon size={16} />
                </span>
                <span className="min-w-0">
                  <span className="block text-sm font-medium text-ink">{t(item.label)}</span>
                  <span className="mt-0.5 block text-xs text-ink-muted">{t(blurb)}</span>
                </span>
              </Link>
            </Card>
          );
        })}
      </div>
    </>
  );
}
