"use client";

import { lazyClient } from "@/components/ui/lazy-client";
import { useMemo, useState, type ReactNode } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@/lib/api-error";
import { deleteSchedule, scheduleKeys, updateSchedule, type ScheduleOwner } from "@/lib/queries/schedules";
import { fromUtcTiming, hasDaylightSaving, nextRuns, utcTimingOf } from "@/lib/schedule-time";
import type { ScheduleDto, ScheduleWriteResult } from "@/lib/schemas/schedules";
import { useFormat, useT, useTimeZone } from "@/components/i18n";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/lazy-error-state";
import { SkeletonLines } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { useToast } from "@/components/ui/toast";
import { commandText, describeTiming, utcText } from "./schedule-format";

// The editor (form, datapoint widgets, preview) loads only when a dialog opens.
const ScheduleEditor = lazyClient(() => import("./schedule-editor").then((m) => m.ScheduleEditor));

function errorText(err: unknown): string {
  return err instanceof ApiError || err instanceof Error ? err.message : String(err);
}

function ScheduleRow({
  s,
  now,
  canWrite,
  onEdit,
  onDelete,
  onToggle,
  toggling,
}: {
  s: ScheduleDto;
  now: number;
  canWrite: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onToggle: (enabled: boolean) => void;
  toggling: boolean;
}) {
  const t = useT("schedules");
  const f = useFormat();
  const timeZone = useTimeZone();
  const utc = utcTimingOf({ ...s.utc, time: s.utc.time });
  const local = utc ? fromUtcTiming(utc, timeZone, now) : null;
  const runs = utc && s.enabled ? nextRuns(utc, now, 3) : [];
  return (
    <tr className="border-t border-line align-top" data-testid="schedule-row" data-schedule-id={s.id}>
      <td className="px-3 py-2">
        <div className="text-sm text-ink" data-testid="schedule-local">
          {local ? describeTiming(t, local.timing) : t("unreadable")}
        </div>
        {local && !local.exact ? <div className="text-xs text-warn">{t("inexact")}</div> : null}
        <div className="font-mono text-[11px] text-ink-subtle" data-testid="schedule-utc">
          {utcText(s.utc)}
        </div>
        {s.remark ? <div className="text-xs text-ink-muted">{s.remark}</div> : null}
      </td>
      <td className="px-3 py-2 font-mono text-xs text-ink-muted break-all">{commandText(t, s.command)}</td>
      <td className="px-3 py-2 text-xs text-ink-muted" data-testid="schedule-next">
        {runs.length ? (
          <ul>
            {runs.map((ms) => (
              <li key={ms} className="whitespace-nowrap">
                {f.dateTime(ms)}
              </li>
            ))}
          </ul>
        ) : (
          t("noNextRun")
        )}
      </td>
      <td className="px-3 py-2">
        {canWrite ? (
          <Switch checked={s.enabled} disabled={toggling} onCheckedChange={onToggle} aria-label={s.enabled ? t("disable") : t("enable")} />
        ) : (
          <Badge tone={s.enabled ? "success" : "neutral"}>{s.enabled ? t("enabledOn") : t("enabledOff")}</Badge>
        )}
      </td>
      {canWrite ? (
        <td className="px-3 py-2 whitespace-nowrap">
          <Button size="xs" variant="ghost" onClick={onEdit}>
            {t("edit")}
          </Button>
          <Button size="xs" variant="danger-ghost" onClick={onDelete}>
            {t("delete")}
          </Button>
        </td>
      ) : null}
    </tr>
  );
}

/**
 * A list of schedules with create, edit, enable/disable and delete (ops and admin; others read).
 * Times are shown in the console's zone with the stored UTC form small beneath, and the next three runs.
 */
export function SchedulesPanel({
  owner,
  title,
  targetLabel,
  canWrite,
  query,
  notes,
  onSaved,
}: {
  owner: ScheduleOwner;
  title: string;
  /** What a schedule applies to, for the editor ("this device", "group X: 12 devices"). */
  targetLabel: string;
  canWrite: boolean;
  query: { data: ScheduleDto[] | undefined; isLoading: boolean; error: unknown; refetch: () => unknown };
  notes?: ReactNode;
  onSaved?: (r: ScheduleWriteResult) => void;
}) {
  const t = useT("schedules");
  const timeZone = useTimeZone();
  const qc = useQueryClient();
  const { toast } = useToast();
  const [editing, setEditing] = useState<ScheduleDto | "new" | null>(null);
  const [deleting, setDeleting] = useState<ScheduleDto | null>(null);
  // One "now" per answer, so every row's next runs agree; a new answer recomputes them.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `query.data` stands for the answer's arrival
  const now = useMemo(() => Date.now(), [query.data]);
  const dst = useMemo(() => hasDaylightSaving(timeZone, now), [timeZone, now]);

  const invalidate = () => qc.invalidateQueries({ queryKey: scheduleKeys.of(owner) });
  const toggle = useMutation({
    mutationFn: (v: { id: string; enabled: boolean }) => updateSchedule(owner, v.id, { enabled: v.enabled }),
    onSuccess: (_r, v) => {
      toast({ title: v.enabled ? t("enabledToast") : t("disabledToast"), tone: "success" });
      void invalidate();
    },
    onError: (err) => toast({ title: errorText(err), tone: "error" }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteSchedule(owner, id),
    onSuccess: () => {
      toast({ title: t("deleted"), tone: "success" });
      setDeleting(null);
      void invalidate();
    },
  });

  const list = query.data;
  return (
    <Card className="p-4" data-testid="schedules-panel">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold text-ink">{title}</h2>
        {canWrite ? (
          <Button size="sm" className="ml-auto" onClick={() => setEditing("new")} data-testid="schedule-add">
            {t("add")}
          </Button>
        ) : null}
      </div>
      <p className="mb-1 text-xs text-ink-muted">{t("intro", { zone: timeZone })}</p>
      {dst ? (
        <p className="mb-1 text-xs text-warn" data-testid="schedule-dst">
          {t("dstNote", { zone: timeZone })}
        </p>
      ) : null}
      {!canWrite ? (
        <p className="mb-1 text-xs text-ink-muted" data-testid="schedule-readonly">
          {t("readOnly")}
        </p>
      ) : null}
      {notes}
      <div className="mt-3">
        {query.isLoading ? (
          <SkeletonLines lines={3} />
        ) : query.error ? (
          <ErrorState error={query.error} compact onRetry={() => void query.refetch()} />
        ) : !list || list.length === 0 ? (
          <EmptyState compact title={t("empty")} />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-ink-muted">
                <tr>
                  <th className="px-3 py-1.5 font-medium">{t("colWhen", { zone: timeZone })}</th>
                  <th className="px-3 py-1.5 font-medium">{t("colCommand")}</th>
                  <th className="px-3 py-1.5 font-medium">{t("colNext")}</th>
                  <th className="px-3 py-1.5 font-medium">{t("colEnabled")}</th>
                  {canWrite ? <th className="px-3 py-1.5 font-medium">{t("colActions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {list.map((s) => (
                  <ScheduleRow
                    key={s.id}
                    s={s}
                    now={now}
                    canWrite={canWrite}
                    onEdit={() => setEditing(s)}
                    onDelete={() => setDeleting(s)}
                    onToggle={(enabled) => toggle.mutate({ id: s.id, enabled })}
                    toggling={toggle.isPending && toggle.variables?.id === s.id}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {editing ? (
        <ScheduleEditor
          owner={owner}
          initial={editing === "new" ? null : editing}
          targetLabel={targetLabel}
          onClose={() => setEditing(null)}
          onSaved={(r) => {
            toast({ title: editing === "new" ? t("created") : t("updated"), tone: "success" });
            setEditing(null);
            onSaved?.(r);
            void invalidate();
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          open
          tone="danger"
          title={t("deleteTitle")}
          message={t("deleteBody", { what: utcText(deleting.utc) })}
          confirmLabel={t("delete")}
          pending={remove.isPending}
          error={remove.error ? errorText(remove.error) : undefined}
          onConfirm={() => remove.mutate(deleting.id)}
          onCancel={() => {
            remove.reset();
            setDeleting(null);
          }}
        />
      ) : null}
    </Card>
  );
}
