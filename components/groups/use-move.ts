"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { normalizeMac } from "@/lib/mac";
import { readDeviceFilter } from "@/lib/plain/devices";
import type { DeviceFilter } from "@/lib/schemas/devices";
import { assignChunk, locateMacs, searchMacs, staleAfterGroupWrite } from "@/lib/queries/groups";
import { quotaOptions } from "@/lib/queries/quota";
import type { MacOutcome } from "./assign-runner";
import { FILTER_MIME, MACS_MIME, type TreeDrop } from "./group-tree";

// The chunked runner loads with the first drop, not with the groups page (issue 17).
const loadRunner = () => import("./assign-runner");

// Drops are read by hand (no zod in the browser): the dragged rows' MACs, or the dragged search.
const MAX_DROPPED_MACS = 100_000;
function filterPayload(value: unknown): { productKey: string; filter: DeviceFilter } | null {
  if (typeof value !== "object" || value === null) return null;
  const { productKey, filter, total } = value as Record<string, unknown>;
  if (typeof productKey !== "string" || typeof total !== "number") return null;
  const f = readDeviceFilter(filter);
  return f ? { productKey, filter: f } : null;
}

export interface MoveState {
  phase: "resolving" | "moving" | "moved" | "undoing" | "undone" | "error";
  gid: string;
  count: number;
  outcomes: MacOutcome[];
  /** MACs that moved, with the group each was in before (null: none). */
  previous: Map<string, string | null>;
  undoFailed: number;
  error?: string;
}

/** Reads the MACs a drop carries: the dragged rows, or every result of the dragged search. */
export async function droppedMacs(productKey: string, data: DataTransfer): Promise<string[]> {
  const filterRaw = data.getData(FILTER_MIME);
  if (filterRaw) {
    const f = filterPayload(JSON.parse(filterRaw));
    if (f && f.productKey === productKey) return (await searchMacs(productKey, f.filter)).macs;
  }
  const raw = data.getData(MACS_MIME);
  if (!raw) return [];
  const parsed: unknown = JSON.parse(raw);
  if (!Array.isArray(parsed) || parsed.length > MAX_DROPPED_MACS || !parsed.every((m): m is string => typeof m === "string")) return [];
  return [...new Set(parsed.map((m) => normalizeMac(m)).filter((m): m is string => m !== null))];
}

/**
 * Drag-and-drop moves onto a group (assign with reassign) and their undo: before moving, each
 * MAC's current group is looked up, so undo puts every MAC back where it was (or out of any group).
 */
export function useMove(productKey: string) {
  const qc = useQueryClient();
  const [state, setState] = useState<MoveState | null>(null);
  const refresh = () => {
    for (const key of staleAfterGroupWrite(productKey)) void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: quotaOptions().queryKey });
  };
  const assign = (gid: string, action: "assign" | "unassign") => (part: string[]) =>
    assignChunk(productKey, gid, { action, macs: part, reassign: action === "assign" }, crypto.randomUUID());

  const drop = async ({ gid, data }: TreeDrop) => {
    const base: MoveState = { phase: "resolving", gid, count: 0, outcomes: [], previous: new Map(), undoFailed: 0 };
    setState(base);
    try {
      const macs = await droppedMacs(productKey, data);
      if (macs.length === 0) return setState(null);
      setState({ ...base, phase: "moving", count: macs.length });
      const { groups: before } = await locateMacs(productKey, macs);
      const toMove = macs.filter((m) => before[m] !== gid);
      const { runAssignment } = await loadRunner();
      const outcomes = await runAssignment(toMove, assign(gid, "assign"), (_, partial) =>
        setState({ ...base, phase: "moving", count: macs.length, outcomes: partial }),
      );
      const previous = new Map<string, string | null>();
      for (const o of outcomes) if (o.ok) previous.set(o.mac, before[o.mac] ?? null);
      setState({ ...base, phase: "moved", count: macs.length, outcomes, previous });
    } catch (e) {
      setState({ ...base, phase: "error", error: e instanceof Error ? e.message : String(e) });
    } finally {
      refresh();
    }
  };

  const undo = async () => {
    if (state?.phase !== "moved") return;
    const current = state;
    setState({ ...current, phase: "undoing" });
    const byGroup = new Map<string | null, string[]>();
    for (const [mac, prev] of current.previous) byGroup.set(prev, [...(byGroup.get(prev) ?? []), mac]);
    let failed = 0;
    const { runAssignment } = await loadRunner();
    for (const [prev, macs] of byGroup) {
      const out =
        prev === null ? await runAssignment(macs, assign(current.gid, "unassign")) : await runAssignment(macs, assign(prev, "assign"));
      failed += out.filter((o) => !o.ok).length;
    }
    setState({ ...current, phase: "undone", undoFailed: failed });
    refresh();
  };

  return { state, drop, undo, dismiss: () => setState(null) };
}
