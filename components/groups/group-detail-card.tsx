"use client";

import type { GroupTreeNode } from "@/lib/schemas/groups";
import { useFormat, useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CreateJobButton } from "@/components/jobs/create-job-button";
import type { GroupsDialog } from "./use-groups-page";

/** The selected group: name, description, ids and counts, and (for writers) its actions. */
export function GroupDetailCard({
  group,
  name,
  deviceTotal,
  canWrite,
  canControl = false,
  productKey,
  onDialog,
}: {
  group: GroupTreeNode;
  name: string;
  /** Devices in the group; undefined while loading. */
  deviceTotal: number | undefined;
  canWrite: boolean;
  /** Ops and admins: a control job over the group's devices (the dialog loads when opened). */
  canControl?: boolean;
  productKey: string;
  onDialog: (d: GroupsDialog) => void;
}) {
  const t = useT("groups");
  const tj = useT("jobs-entry");
  const f = useFormat();
  return (
    <Card className="mb-3 p-3" data-testid="group-detail">
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-0">
          <h2 className="text-base font-semibold text-ink" data-testid="group-name">
            {name}
          </h2>
          {group.description ? <p className="text-[13px] text-ink-muted">{group.description}</p> : null}
          <p className="mt-1 text-xs text-ink-subtle">
            {t("gid")}: <span className="font-mono">{group.gid}</span> · {t("subgroups")}: {group.children.length} · {t("devicesCount")}:{" "}
            <span data-testid="group-device-count">{deviceTotal !== undefined ? f.number(deviceTotal) : "…"}</span>
          </p>
        </div>
        {canWrite || canControl ? (
          <div className="ml-auto flex flex-wrap gap-1">
            {canControl ? (
              <CreateJobButton
                productKey={productKey}
                source={{ kind: "group", gid: group.gid, name }}
                label={tj("jobForGroup")}
                title={tj("jobForGroupHint")}
                testId="group-job"
              />
            ) : null}
            {canWrite ? (
              <>
                <Button
                  size="sm"
                  onClick={() => onDialog({ kind: "create", parentGid: group.gid, parentName: name })}
                  data-testid="add-child"
                >
                  {t("addChild")}
                </Button>
                <Button
                  size="sm"
                  onClick={() => onDialog({ kind: "edit", gid: group.gid, name: group.name ?? "", description: group.description })}
                  data-testid="rename"
                >
                  {t("rename")}
                </Button>
                <Button size="sm" onClick={() => onDialog({ kind: "bulk", action: "assign" })} data-testid="bulk-assign">
                  {t("assign")}
                </Button>
                <Button size="sm" onClick={() => onDialog({ kind: "bulk", action: "unassign" })} data-testid="bulk-unassign">
                  {t("unassign")}
                </Button>
                <Button size="sm" variant="danger-ghost" onClick={() => onDialog({ kind: "delete" })} data-testid="delete-group">
                  {t("delete")}
                </Button>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
    </Card>
  );
}
