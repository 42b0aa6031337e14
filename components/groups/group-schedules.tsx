"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { groupSchedulesOptions } from "@/lib/queries/schedules";
import type { ScheduleWriteResult } from "@/lib/schemas/schedules";
import { useFormat, useT } from "@/components/i18n";
import { SchedulesPanel } from "@/components/schedules/schedules-panel";

/**
 * The group page's Schedules section: common_scheduler schedules on the app group that mirrors
 * this console group, with the membership they cover and when it was last synced.
 */
export function GroupSchedules({ pk, gid, name, canWrite }: { pk: string; gid: string; name: string; canWrite: boolean }) {
  const t = useT("schedules");
  const f = useFormat();
  const q = useQuery(groupSchedulesOptions(pk, gid));
  const [sync, setSync] = useState<ScheduleWriteResult["sync"]>(null);
  const mirror = q.data?.mirror;
  const notCovered = sync?.notCovered ?? mirror?.lastSync?.notCovered ?? [];
  return (
    <div className="mt-3" data-testid="group-schedules">
      <SchedulesPanel
        owner={{ kind: "group", pk, gid }}
        title={t("groupTitle")}
        targetLabel={name}
        canWrite={canWrite}
        query={{ data: q.data?.schedules, isLoading: q.isLoading, error: q.error, refetch: q.refetch }}
        onSaved={(r) => setSync(r.sync)}
        notes={
          q.data ? (
            <div className="mb-1 text-xs text-ink-muted" data-testid="group-schedule-membership">
              {mirror ? (
                <>
                  <p>{t("mirror", { covered: mirror.covered })}</p>
                  <p>
                    {mirror.lastSync
                      ? t("mirrorSynced", {
                          time: f.dateTime(mirror.lastSync.at),
                          by: mirror.lastSync.by,
                          members: mirror.lastSync.members,
                        })
                      : t("mirrorNeverSynced")}
                  </p>
                  <p>{t("mirrorNote")}</p>
                </>
              ) : (
                <p>{t("noMirror")}</p>
              )}
              {sync ? (
                <p className="text-ok" role="status" data-testid="group-schedule-synced">
                  {t("syncDone", {
                    covered: sync.covered,
                    members: sync.members,
                    bound: sync.boundNow,
                    added: sync.added,
                    removed: sync.removed,
                  })}
                </p>
              ) : null}
              {notCovered.length ? (
                <p className="text-warn">
                  {t("notCovered", { count: notCovered.length, list: notCovered.map((n) => `${n.mac} (${n.reason})`).join(", ") })}
                </p>
              ) : null}
            </div>
          ) : null
        }
      />
    </div>
  );
}
