"use client";

import { useState } from "react";
import type { Role } from "@/lib/roles";
import { useT } from "../i18n";
import { Badge } from "../ui/badge";
import { IconChevronDown, IconLogOut } from "../ui/icons";
import { Popover, PopoverItem } from "../ui/popover";
import { Spinner } from "../ui/spinner";
import { useRoleLabel } from "./role-label";

export interface ShellUser {
  id: string;
  username: string;
  name: string;
  role: Role;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  if (parts.length >= 2) return (parts[0]![0]! + parts[1]![0]!).toUpperCase();
  return name.trim().slice(0, 2).toUpperCase();
}

export function UserMenu({ user }: { user: ShellUser }) {
  const t = useT("shell");
  const roles = useRoleLabel();
  const [leaving, setLeaving] = useState(false);
  return (
    <Popover
      label={t("userMenu")}
      buttonClassName="h-8 pl-1 pr-1.5 hover:bg-hover"
      trigger={
        <>
          <span
            aria-hidden="true"
            className="flex h-6 w-6 items-center justify-center rounded-full bg-accent-soft text-[11px] font-semibold text-accent"
          >
            {initials(user.name || user.username)}
          </span>
          <span className="hidden max-w-32 truncate text-[13px] font-medium text-ink md:inline" data-testid="user-name">
            {user.name}
          </span>
          <Badge tone="accent" className="hidden md:inline-flex" data-testid="user-role" data-role={user.role}>
            {roles.label(user.role)}
          </Badge>
          <IconChevronDown size={14} className="text-ink-subtle" />
        </>
      }
    >
      <div className="border-b border-line px-2.5 pb-2 pt-1.5">
        <p className="truncate font-medium text-ink">{user.name}</p>
        <p className="truncate text-xs text-ink-muted">{t("signedInAs", { username: user.username })}</p>
        <p className="mt-1.5 flex items-center gap-2 text-xs text-ink-muted">
          <Badge tone="accent">{roles.label(user.role)}</Badge>
          <span className="truncate">{roles.hint(user.role)}</span>
        </p>
      </div>
      <div className="pt-1">
        <PopoverItem
          disabled={leaving}
          onClick={async () => {
            setLeaving(true);
            // A full navigation afterwards drops every cached query of this user.
            // Loaded on click: next-auth's client (~10 KB gzip) stays out of every page's first load.
            const { signOut } = await import("next-auth/react");
            await signOut({ redirect: false });
            window.location.assign("/signin");
          }}
        >
          {leaving ? <Spinner size={14} /> : <IconLogOut />}
          {t("signOut")}
        </PopoverItem>
      </div>
    </Popover>
  );
}
