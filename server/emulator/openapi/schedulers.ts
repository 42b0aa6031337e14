/** Placeholder: device schedulers and common_scheduler land here next. */
import type { EmulatorState } from "../state";
import type { Schedule, AppStore } from "./store";
import type { Add } from "./users";

export function registerSchedulers(_add: Add): void {}

export function runDue(_state: EmulatorState, _store: AppStore, _at: number, _now: number, _id?: string): unknown[] {
  return [];
}

export function scheduleView(s: Schedule, _now: number): Record<string, unknown> {
  return { id: s.id };
}
