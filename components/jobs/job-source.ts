/**
 * Where a new job's devices come from, as the page that opens the create-job dialog knows them.
 * Types only: the device list and the groups page import this without pulling the dialog in.
 *
 * - `selection`: rows ticked in the device list (their dids).
 * - `search`: every device matching the device list's filters, as URL query values ("1"/"0" flags);
 *   the server resolves them when the job is created, so later changes to the fleet do not move it.
 * - `group`: a group, optionally with its sub-groups.
 * - `list`: nothing yet — the dialog asks for pasted or uploaded MACs or dids (or a group).
 */
export type JobSource =
  | { kind: "selection"; dids: readonly string[] }
  | { kind: "search"; filters: Readonly<Record<string, string>>; total: number }
  | { kind: "group"; gid: string; name: string }
  | { kind: "list" };
