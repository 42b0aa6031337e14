"use client";

import type { Account } from "@/lib/schemas/accounts";
import { ROLES, type Role } from "@/lib/plain/roles";
import { useFormat, useT } from "@/components/i18n";
import { useRoleLabel } from "@/components/shell/role-label";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { Column } from "@/components/ui/data-table";
import { Select } from "@/components/ui/select";
import { StatusBadge } from "@/components/ui/status-badge";
import { Tooltip } from "@/components/ui/tooltip";

export interface AccountActions {
  pendingFor: (a: Account) => boolean;
  changeRole: (a: Account, role: Role) => void;
  enable: (a: Account) => void;
  askDisable: (a: Account) => void;
  askReset: (a: Account) => void;
  clearDelay: (a: Account) => void;
}

/** The accounts table's columns; the signed-in admin cannot change their own role or disable themselves. */
export function useAccountColumns(currentUserId: string, on: AccountActions): Column<Account>[] {
  const t = useT("accounts");
  const f = useFormat();
  const roles = useRoleLabel();
  return [
    {
      id: "user",
      header: t("colUser"),
      cell: (a) => (
        <div className="min-w-0">
          <div className="flex items-center gap-1.5 font-medium text-ink">
            <span className="truncate">{a.name}</span>
            {a.id === currentUserId ? <Badge tone="muted">{t("you")}</Badge> : null}
          </div>
          <div className="font-mono text-xs text-ink-subtle">{a.username}</div>
        </div>
      ),
    },
    {
      id: "role",
      header: t("colRole"),
      width: 170,
      cell: (a) => {
        const self = a.id === currentUserId;
        const select = (
          <Select
            aria-label={t("roleFor", { username: a.username })}
            value={a.role}
            disabled={self || a.disabled || on.pendingFor(a)}
            options={ROLES.map((r) => ({ value: r, label: roles.label(r) }))}
            onChange={(e) => on.changeRole(a, e.target.value as Role)}
            size="sm"
          />
        );
        return (
          <div className="w-36">
            {self ? (
              <Tooltip content={t("ownRoleLocked")} className="w-full">
                {select}
              </Tooltip>
            ) : (
              select
            )}
          </div>
        );
      },
    },
    {
      id: "provider",
      header: t("colSignIn"),
      width: 90,
      hideBelow: "lg",
      cell: (a) => <Badge tone={a.provider === "oidc" ? "info" : "neutral"}>{a.provider === "oidc" ? t("oidc") : t("local")}</Badge>,
    },
    {
      id: "status",
      header: t("colStatus"),
      width: 100,
      cell: (a) => (
        <div className="flex flex-col items-start gap-1">
          <StatusBadge status={a.disabled ? "disabled" : "active"} />
          {a.signInDelayedUntil ? (
            <Tooltip content={t("signInDelayedHint", { time: f.dateTime(a.signInDelayedUntil, "minute") })}>
              <Badge tone="warning" data-testid="signin-delayed">
                {t("signInDelayed")}
              </Badge>
            </Tooltip>
          ) : null}
        </div>
      ),
    },
    {
      id: "lastLogin",
      header: t("colLastLogin"),
      width: 150,
      hideBelow: "md",
      cell: (a) =>
        a.lastLoginAt ? (
          <span title={f.dateTime(a.lastLoginAt)} className="text-ink-muted">
            {f.relative(a.lastLoginAt)}
          </span>
        ) : (
          <span className="text-ink-subtle">{t("never")}</span>
        ),
    },
    {
      id: "created",
      header: t("colCreated"),
      width: 150,
      hideBelow: "xl",
      cell: (a) => <span className="tabular text-ink-muted">{f.dateTime(a.createdAt, "minute")}</span>,
    },
    {
      id: "actions",
      header: <span className="sr-only">{t("colActions")}</span>,
      width: 190,
      align: "right",
      cell: (a) => {
        const self = a.id === currentUserId;
        return (
          <div className="flex justify-end gap-1">
            {a.signInDelayedUntil ? (
              <Button size="xs" variant="ghost" onClick={() => on.clearDelay(a)} aria-label={`${t("clearDelay")}: ${a.username}`}>
                {t("clearDelay")}
              </Button>
            ) : null}
            {a.provider === "local" ? (
              <Button size="xs" variant="ghost" onClick={() => on.askReset(a)} aria-label={`${t("resetPassword")}: ${a.username}`}>
                {t("resetPassword")}
              </Button>
            ) : null}
            {a.disabled ? (
              <Button
                size="xs"
                variant="ghost"
                loading={on.pendingFor(a)}
                onClick={() => on.enable(a)}
                aria-label={`${t("enable")}: ${a.username}`}
              >
                {t("enable")}
              </Button>
            ) : (
              <Button
                size="xs"
                variant="danger-ghost"
                disabled={self}
                onClick={() => on.askDisable(a)}
                aria-label={`${t("disable")}: ${a.username}`}
              >
                {t("disable")}
              </Button>
            )}
          </div>
        );
      },
    },
  ];
}
