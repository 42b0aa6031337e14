"use client";

import type { Role } from "@/lib/roles";
import { useT } from "../i18n";
import { Badge } from "../ui/badge";
import { IconChevronDown } from "../ui/icons";
import { lazyClient } from "../ui/lazy-client";
import { Popover } from "../ui/popover";
import { useRoleLabel } from "./role-label";

// The menu's panel (who is signed in, sign out) loads when it first opens (issue 17).
const UserMenuPanel = lazyClient(() => import("./user-menu-panel").then((m) => m.UserMenuPanel));

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
      <UserMenuPanel user={user} />
    </Popover>
  );
}
