/**
 * The create-job dialog's model, kept free of React so it can be tested: reading a pasted or
 * uploaded list of devices, the search filters a job freezes, the options' limits, and the
 * request body built from the steps.
 */
import { diffControl, type ControlBody, type FormInput } from "@/lib/control";
import type { Result } from "@/lib/datapoints";
import type { Locale } from "@/lib/i18n/core";
import { normalizeMac } from "@/lib/mac";
import type { Datapoint } from "@/lib/schemas/datapoints";
import { DID_PATTERN } from "@/lib/schemas/ids";
import { JOB_DEFAULTS, MAX_JOB_DEVICES } from "@/lib/plain/jobs";
import type { JobCreateInputRaw, JobTargetInput } from "@/lib/schemas/jobs";

// --- pasted / uploaded devices ---------------------------------------------------------------

export interface ParsedDeviceList {
  /** Valid dids in first-seen order, each once. */
  dids: string[];
  /** Valid MACs (normalized) in first-seen order, each once. */
  macs: string[];
  /** Lines that hold no did or MAC, as typed (trimmed, cut at 60 characters). */
  invalid: string[];
  /** Entries that repeated an earlier one. */
  duplicates: number;
}

/**
 * Reads what people paste or upload: one device per line, or several separated by commas,
 * semicolons or tabs; a CSV row (such as a device export: did, mac, state, …) counts once, by its
 * did when it has one, else by its MACs, and its other cells are ignored. A first line without
 * any id is taken as a header.
 */
export function parseDeviceList(text: string): ParsedDeviceList {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const seenDids = new Set<string>();
  const seenMacs = new Set<string>();
  const out: ParsedDeviceList = { dids: [], macs: [], invalid: [], duplicates: 0 };
  lines.forEach((line, i) => {
    const cells = line
      .split(/[,;\t]/)
      .map((c) =>
        c
          .trim()
          .replace(/^["']|["']$/g, "")
          .trim(),
      )
      .filter(Boolean);
    if (cells.length === 0) return;
    const dids = cells.filter((c) => DID_PATTERN.test(c));
    const macs = dids.length ? [] : cells.map(normalizeMac).filter((m): m is string => m !== null);
    if (dids.length === 0 && macs.length === 0) {
      if (i > 0) out.invalid.push(line.trim().slice(0, 60));
      return;
    }
    for (const d of dids) {
      if (seenDids.has(d)) out.duplicates += 1;
      else {
        seenDids.add(d);
        out.dids.push(d);
      }
    }
    for (const m of macs) {
      if (seenMacs.has(m)) out.duplicates += 1;
      else {
        seenMacs.add(m);
        out.macs.push(m);
      }
    }
  });
  return out;
}

export type ListProblem = "empty" | "mixed" | "tooMany" | null;

/** What stops a pasted list from becoming a target: nothing valid, dids and MACs mixed, or too many. */
export function listProblem(p: ParsedDeviceList): ListProblem {
  if (p.dids.length === 0 && p.macs.length === 0) return "empty";
  if (p.dids.length > 0 && p.macs.length > 0) return "mixed";
  if (p.dids.length + p.macs.length > MAX_JOB_DEVICES) return "tooMany";
  return null;
}

export function listTarget(p: ParsedDeviceList): JobTargetInput | null {
  if (listProblem(p) !== null) return null;
  return p.dids.length ? { kind: "dids", dids: p.dids } : { kind: "macs", macs: p.macs };
}

// --- a search's filters ------------------------------------------------------------------------

type FilterInput = Extract<JobTargetInput, { kind: "search" }>["filters"];
const FLAG_KEYS = ["is_online", "is_faulty", "is_alert", "show_disabled"] as const;
const TEXT_KEYS = ["gid", "country", "region", "city", "liveness_start", "val"] as const;
const TYPES = ["did", "mac", "uid"] as const;

/**
 * The device list's filters (URL values: flags are "1"/"0") as the job's search target. Only the
 * filter names the search knows are kept; the server parses them again.
 */
export function searchFilters(values: Readonly<Record<string, string>>): FilterInput {
  const f: FilterInput = {};
  for (const k of FLAG_KEYS) {
    const v = values[k];
    if (v === "1" || v === "0") f[k] = v;
  }
  for (const k of TEXT_KEYS) {
    const v = values[k];
    if (v) f[k] = v;
  }
  const type = TYPES.find((x) => x === values.type);
  if (type && f.val) f.type = type;
  return f;
}

// --- command ------------------------------------------------------------------------------------

export type CommandMode = "form" | "raw";

/**
 * The datapoint form's command: every field the operator set (no current value to compare with —
 * each device gets exactly these values). Field errors in the reader's language.
 */
export function formCommand(
  datapoints: readonly Datapoint[],
  edits: Readonly<Record<string, FormInput>>,
  locale: Locale,
): { body: ControlBody | null; errors: Record<string, string> } {
  const d = diffControl(datapoints, {}, edits);
  if (!d.ok) return { body: null, errors: Object.fromEntries(Object.entries(d.errors).map(([k, v]) => [k, v[locale]])) };
  if (d.changes.length === 0) return { body: null, errors: {} };
  return { body: { attrs: Object.fromEntries(d.changes.map((c) => [c.name, c.to])) }, errors: {} };
}

export function rawCommand(parsed: Result<number[]> | null): ControlBody | null {
  return parsed?.ok ? { raw: parsed.value } : null;
}

// --- options ------------------------------------------------------------------------------------

export interface OptionsDraft {
  batchSize: string;
  failureThresholdPercent: string;
  canaryPercent: string;
}

export const DEFAULT_OPTIONS: OptionsDraft = {
  batchSize: String(JOB_DEFAULTS.batchSize),
  failureThresholdPercent: String(JOB_DEFAULTS.failureThresholdPercent),
  canaryPercent: String(JOB_DEFAULTS.canaryPercent),
};

/** The options' limits, as the contract (lib/schemas/jobs.ts) sets them. */
export const OPTION_LIMITS = {
  batchSize: { min: 1, max: 1000, integer: true },
  failureThresholdPercent: { min: 0, max: 100, integer: false },
  canaryPercent: { min: 0, max: 100, integer: false },
} as const;

export type OptionKey = keyof OptionsDraft;

export interface ParsedOptions {
  batchSize: number;
  failureThresholdPercent: number;
  canaryPercent: number;
}

/** The options as numbers, or which ones are out of their limits. */
export function parseOptions(d: OptionsDraft): { ok: true; value: ParsedOptions } | { ok: false; invalid: OptionKey[] } {
  const invalid: OptionKey[] = [];
  const value = {} as ParsedOptions;
  for (const k of Object.keys(OPTION_LIMITS) as OptionKey[]) {
    const lim = OPTION_LIMITS[k];
    const raw = d[k].trim();
    const n = raw === "" ? Number.NaN : Number(raw);
    if (!Number.isFinite(n) || n < lim.min || n > lim.max || (lim.integer && !Number.isInteger(n))) invalid.push(k);
    else value[k] = n;
  }
  return invalid.length ? { ok: false, invalid } : { ok: true, value };
}

/** The body of POST /api/jobs and /api/jobs/preview. */
export function buildJobInput(productKey: string, target: JobTargetInput, command: ControlBody, options: ParsedOptions): JobCreateInputRaw {
  return { productKey, target, command, ...options };
}
