/** Placeholder: message centre, sharing, app groups, rules, scenes and system info land here next. */
import type { Add } from "./users";

export function registerExtras(_add: Add): void {}
