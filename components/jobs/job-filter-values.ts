import type { DeviceFilter } from "@/lib/schemas/devices";

/**
 * A parsed device filter back to URL values (flags as "1"/"0"), the form a job's search target
 * takes. Its own module: the device list imports it without the create-job dialog's code.
 */
export function filterValues(f: DeviceFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue;
    out[k] = typeof v === "boolean" ? (v ? "1" : "0") : String(v);
  }
  return out;
}
