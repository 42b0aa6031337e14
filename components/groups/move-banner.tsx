"use client";

import { useFormat, useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { outcomeReason } from "./outcome-reason";
import type { MoveState } from "./use-move";

/** Progress and result of a drag move onto a group, with undo. */
export function MoveBanner({
  state,
  name,
  onUndo,
  onDismiss,
}: {
  state: MoveState;
  name: string;
  onUndo: () => void;
  onDismiss: () => void;
}) {
  const t = useT("groups");
  const f = useFormat();
  const failed = state.outcomes.filter((o) => !o.ok);
  return (
    <div
      className="mb-3 rounded-lg border border-line bg-panel px-3 py-2 text-[13px] shadow-panel"
      role="status"
      data-testid="move-banner"
      data-phase={state.phase}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span>
          {state.phase === "resolving" && t("resolving")}
          {state.phase === "moving" && t("moving", { count: f.number(state.count), name })}
          {(state.phase === "moved" || state.phase === "undoing") && t("moved", { ok: f.number(state.previous.size), name })}
          {state.phase === "moved" && failed.length ? ` ${t("movedFailed", { failed: f.number(failed.length) })}` : ""}
          {state.phase === "undone" && t("undone", { count: f.number(state.previous.size - state.undoFailed) })}
          {state.phase === "undone" && state.undoFailed ? ` ${t("undoFailed", { count: state.undoFailed })}` : ""}
          {state.phase === "error" && state.error}
        </span>
        <span className="ml-auto flex gap-1">
          {state.phase === "moved" || state.phase === "undoing" ? (
            <Button
              size="xs"
              onClick={onUndo}
              loading={state.phase === "undoing"}
              disabled={state.previous.size === 0}
              data-testid="move-undo"
            >
              {t("undo")}
            </Button>
          ) : null}
          {state.phase !== "moving" && state.phase !== "resolving" && state.phase !== "undoing" ? (
            <Button size="xs" variant="ghost" onClick={onDismiss}>
              {t("dismiss")}
            </Button>
          ) : null}
        </span>
      </div>
      {state.phase === "moved" && failed.length ? (
        <ul className="mt-1 max-h-28 overflow-auto font-mono text-xs text-bad">
          {failed.slice(0, 100).map((o) => (
            <li key={o.mac}>
              {o.mac} — {outcomeReason(o, t)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
