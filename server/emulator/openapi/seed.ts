/** Placeholder: deterministic demo app users land here next. */
import type { EmulatorState } from "../state";
import type { AppStore } from "./store";

export const DEMO_PASSWORD = "Demo-pass-2026";

export function seedDemo(_state: EmulatorState, _store: AppStore): void {}
