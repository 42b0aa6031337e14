"use client";

import { useState } from "react";
import { useT } from "../i18n";
import { Badge } from "../ui/badge";
import { IconLogOut } from "../ui/icons";
import { PopoverItem } from "../ui/popover";
import { Spinner } from "../ui/spinner";
import { useRoleLabel } from "./role-label";
import type { ShellUser } from "./user-menu";

/** The user menu's panel: who is signed in, their role, and sign-out. */
export function UserMenuPanel({ user }: { user: ShellUser }) {
  const t = useT("shell");
  const roles = useRoleLabel();
  const [leaving, setLeaving] = useState(false);
  return (
    <>
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
    </>
  );
}
