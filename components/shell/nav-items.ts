import type { Permission } from "@/lib/roles";
import type { shell } from "@/lib/i18n/messages/shell";

export interface NavItem {
  href: string;
  label: keyof typeof shell.en;
  icon: "overview" | "devices" | "groups" | "jobs" | "users" | "reports" | "audit" | "settings";
  /** The permission a role needs to see the entry (pages check again on the server). */
  permission: Permission;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "navOverview", icon: "overview", permission: "read" },
  { href: "/devices", label: "navDevices", icon: "devices", permission: "read" },
  { href: "/groups", label: "navGroups", icon: "groups", permission: "read" },
  // Every role reads jobs; creating and acting on them needs "control" (checked by the page and the API).
  { href: "/jobs", label: "navJobs", icon: "jobs", permission: "read" },
  { href: "/users", label: "navUsers", icon: "users", permission: "read" },
  { href: "/reports", label: "navReports", icon: "reports", permission: "read" },
  { href: "/audit", label: "navAudit", icon: "audit", permission: "admin" },
  // Every role reads the per-product capabilities there; account management inside is admin-only.
  { href: "/settings", label: "navSettings", icon: "settings", permission: "read" },
];

export function isActive(href: string, pathname: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
