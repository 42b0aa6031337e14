"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { assignChunk, locateMacs, staleAfterGroupWrite } from "@/lib/queries/groups";
import { quotaOptions } from "@/lib/queries/quota";
import type { MacOutcome } from "./assign-runner";
import { FILTER_MIME, MACS_MIME, type TreeDrop } from "./group-tree";

// Reading a drop and the chunked runner load with the first drop, not with the groups page (issue 17).
const loadRunner = () => import("./assign-runner");
const loadDrop = () => import("./dropped-macs");

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
    // Read now: a DataTransfer is emptied once the drop event is over, before any await resumes.
    const dropped = { filter: data.getData(FILTER_MIME), macs: data.getData(MACS_MIME) };
    const base: MoveState = { phase: "resolving", gid, count: 0, outcomes: [], previous: new Map(), undoFailed: 0 };
    setState(base);
    try {
      const { droppedMacs } = await loadDrop();
      const macs = await droppedMacs(productKey, dropped);
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
