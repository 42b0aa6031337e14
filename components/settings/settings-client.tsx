"use client";

import Link from "next/link";
import { useT } from "@/components/i18n";
import { Card } from "@/components/ui/card";
import { IconChevronRight, IconUsers } from "@/components/ui/icons";
import { ComingNext } from "@/components/shell/coming-next";
import { CapabilitiesCard } from "./capabilities-card";

export function SettingsClient({ admin }: { admin: boolean }) {
  const t = useT("shell");
  return (
    <ComingNext section="navSettings">
      <CapabilitiesCard />
      {admin ? (
        <Card className="mb-4">
          <Link href="/settings/accounts" className="flex items-center gap-3 px-4 py-3 hover:bg-hover" data-testid="settings-accounts-link">
            <span className="flex h-8 w-8 items-center justify-center rounded-md bg-accent-soft text-accent">
              <IconUsers />
            </span>
            <span className="min-w-0 flex-1">
              <span className="block text-sm font-medium text-ink">{t("settingsAccounts")}</span>
              <span className="block text-xs text-ink-muted">{t("settingsAccountsBody")}</span>
            </span>
            <IconChevronRight className="text-ink-subtle" />
          </Link>
        </Card>
      ) : null}
    </ComingNext>
  );
}
