import type { Role } from "./roles";

/**
 * Sign-in accounts seeded when CONSOLE_DEMO is on (the launcher turns it on with the embedded
 * emulator). The passwords are public on purpose: demo mode never talks to a real upstream.
 */
export interface DemoAccount {
  username: string;
  password: string;
  name: string;
  role: Role;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: "admin", password: "admin-demo-2026", name: "Demo Admin", role: "admin" },
  { username: "ops", password: "ops-demo-2026", name: "Demo Ops", role: "ops" },
  { username: "operator", password: "operator-demo-2026", name: "Demo Operator", role: "operator" },
  { username: "manager", password: "manager-demo-2026", name: "Demo Manager", role: "manager" },
];
