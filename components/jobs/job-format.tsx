"use client";

import { useFormatValue } from "@/components/use-format-value";
import type { jobs as messages } from "@/lib/i18n/messages/jobs";
import type { Datapoint } from "@/lib/schemas/datapoints";
import type { JobCounts, JobDeviceState, JobState, JobSummary, JobTarget, JobTargetInput } from "@/lib/schemas/jobs";
import { useFormat, useT } from "@/components/i18n";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";

type Key = keyof (typeof messages)["en"];

export const JOB_STATE_VIEW: Record<JobState, { tone: BadgeTone; key: Key; live?: boolean }> = {
  draft: { tone: "muted", key: "stateDraft" },
  running: { tone: "info", key: "stateRunning", live: true },
  paused: { tone: "warning", key: "statePaused" },
  cancelling: { tone: "warning", key: "stateCancelling", live: true },
  cancelled: { tone: "neutral", key: "stateCancelled" },
  stopped_threshold: { tone: "danger", key: "stateStoppedThreshold" },
  completed: { tone: "success", key: "stateCompleted" },
  interrupted: { tone: "danger", key: "stateInterrupted" },
};

/** Device states in the order a job's summary lists them, with the colour of their share of the bar. */
export const DEVICE_STATE_VIEW: Record<JobDeviceState, { tone: BadgeTone; key: Key; bar: string }> = {
  confirmed: { tone: "success", key: "devConfirmed", bar: "bg-ok" },
  sent: { tone: "info", key: "devSent", bar: "bg-info" },
  not_confirmed: { tone: "warning", key: "devNotConfirmed", bar: "bg-warn" },
  failed: { tone: "danger", key: "devFailed", bar: "bg-bad" },
  skipped_offline: { tone: "muted", key: "devSkippedOffline", bar: "bg-ink-subtle/60" },
  skipped_disabled: { tone: "muted", key: "devSkippedDisabled", bar: "bg-ink-subtle/35" },
  pending: { tone: "neutral", key: "devPending", bar: "bg-sunken" },
};
export const DEVICE_STATE_ORDER = Object.keys(DEVICE_STATE_VIEW) as JobDeviceState[];

export function JobStateBadge({ state, size }: { state: JobState; size?: "sm" | "md" }) {
  const t = useT("jobs");
  const v = JOB_STATE_VIEW[state];
  return (
    <Badge tone={v.tone} size={size} dot={v.live ? "pulse" : true} data-state={state} data-testid="job-state">
      {t(v.key)}
    </Badge>
  );
}

export function DeviceStateBadge({ state }: { state: JobDeviceState }) {
  const t = useT("jobs");
  const v = DEVICE_STATE_VIEW[state];
  return (
    <Badge tone={v.tone} dot data-state={state}>
      {t(v.key)}
    </Badge>
  );
}

/**
 * A job's progress: one bar split by device state (confirmed, sent, not confirmed, failed,
 * skipped), the pending rest left empty. `compact` is the list's thin bar.
 */
export function JobProgressBar({
  total,
  counts,
  compact,
  className,
}: {
  total: number;
  counts: JobCounts;
  compact?: boolean;
  className?: string;
}) {
  const t = useT("jobs");
  const f = useFormat();
  const done = total - counts.pending;
  const label = t("progressLabel", { done: f.number(done), total: f.number(total) });
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      title={label}
      className={cn("flex w-full overflow-hidden rounded-full bg-sunken", compact ? "h-1.5" : "h-2.5", className)}
    >
      {total > 0
        ? DEVICE_STATE_ORDER.filter((s) => s !== "pending" && counts[s] > 0).map((s) => (
            <div
              key={s}
              className={cn("h-full transition-[width] duration-500", DEVICE_STATE_VIEW[s].bar)}
              style={{ width: `${(100 * counts[s]) / total}%` }}
            />
          ))
        : null}
    </div>
  );
}

/** The command in words: "set_temp = 26 · mode = 制冷", or the raw bytes; display names when the datapoints are known. */
export function useCommandText(): (command: JobSummary["command"], datapoints?: readonly Datapoint[]) => string {
  const t = useT("jobs");
  const formatValue = useFormatValue();
  return (command, datapoints) => {
    if ("attrs" in command) {
      return Object.entries(command.attrs)
        .map(([name, v]) => {
          const dp = datapoints?.find((d) => d.name === name);
          return dp ? `${dp.display_name} = ${formatValue(dp, v)}` : `${name} = ${String(v)}`;
        })
        .join(" · ");
    }
    // Shown without decoding (lib/payload would bring zod into the page): a byte list as hex, a string as given.
    if ("binary_coding" in command)
      return `${t("commandRawUnreadable")} (${command.binary_coding}): ${command.raw.slice(0, 24)}${command.raw.length > 24 ? " …" : ""}`;
    const n = command.raw.length;
    const hex = command.raw
      .slice(0, 8)
      .map((b) => b.toString(16).padStart(2, "0"))
      .join(" ");
    return `${t("commandRaw", { n })}: ${hex}${n > 8 ? " …" : ""}`;
  };
}

/** The target in words: the search's filters, the group, or how many MACs or dids were listed. */
export function useTargetText(): (target: JobTarget | JobTargetInput, groupName?: string | null) => string {
  const t = useT("jobs");
  const f = useFormat();
  const filterText = useFilterText();
  return (target, groupName) => {
    switch (target.kind) {
      case "search": {
        const parts = filterText(searchFilterValues(target.filters));
        return parts.length ? t("targetSearch", { filters: parts.join(" · ") }) : t("targetSearchAll");
      }
      case "group":
        return t(target.includeSubgroups ? "targetGroupSub" : "targetGroup", { name: groupName ?? target.gid.slice(0, 8) });
      case "dids":
        return t("targetDids", { count: f.number(target.dids.length) });
      case "macs":
        return t("targetMacs", { count: f.number(target.macs.length) });
    }
  };
}

/** A search target's filters as URL-style strings, whichever form the answer carried them in. */
export function searchFilterValues(filters: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined || v === null || v === "") continue;
    out[k] = typeof v === "boolean" ? (v ? "1" : "0") : String(v);
  }
  return out;
}

const FILTER_LABEL: Record<string, Key> = {
  gid: "filterGroup",
  country: "filterCountry",
  region: "filterRegion",
  city: "filterCity",
  is_online: "filterOnline",
  is_faulty: "filterFaulty",
  is_alert: "filterAlert",
  show_disabled: "filterShowDisabled",
  liveness_start: "filterActiveSince",
  val: "filterValue",
};

/** Device-search filters as short "label: value" phrases (the `type` of a value search goes with the value). */
export function useFilterText(): (filters: Readonly<Record<string, string>>, groupName?: (gid: string) => string | null) => string[] {
  const t = useT("jobs");
  return (filters, groupName) => {
    const out: string[] = [];
    for (const [k, v] of Object.entries(filters)) {
      if (k === "type") continue;
      const label = FILTER_LABEL[k];
      if (!label) continue;
      const value =
        v === "1" && k.startsWith("is_")
          ? t("yes")
          : v === "0" && k.startsWith("is_")
            ? t("no")
            : k === "show_disabled"
              ? v === "1"
                ? t("yes")
                : t("no")
              : k === "gid"
                ? (groupName?.(v) ?? v.slice(0, 8))
                : k === "val"
                  ? `${(filters.type ?? "mac").toUpperCase()} ${v}`
                  : v;
      out.push(`${t(label)}: ${value}`);
    }
    return out;
  };
}
