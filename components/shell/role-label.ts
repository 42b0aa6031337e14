"use client";

import type { Role } from "@/lib/roles";
import { useT } from "../i18n";

const LABEL = { manager: "roleManager", operator: "roleOperator", ops: "roleOps", admin: "roleAdmin" } as const;
const HINT = { manager: "roleManagerHint", operator: "roleOperatorHint", ops: "roleOpsHint", admin: "roleAdminHint" } as const;

/** Localized role names and one-line descriptions of what each role may do. */
export function useRoleLabel(): { label: (r: Role) => string; hint: (r: Role) => string } {
  const t = useT("shell");
  return { label: (r) => t(LABEL[r]), hint: (r) => t(HINT[r]) };
}
