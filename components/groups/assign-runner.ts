import { chunk } from "@/lib/mac";
import type { FailReason, GroupAssignResult } from "@/lib/schemas/groups";

/** The outcome of one MAC: ok, refused by the API (reason), or its whole request failed (message). */
export type MacOutcome =
  | { mac: string; ok: true }
  | { mac: string; ok: false; reason: FailReason }
  | { mac: string; ok: false; reason: "request"; message: string };

export interface RunProgress {
  done: number;
  total: number;
  chunk: number;
  chunks: number;
}

/**
 * Sends `macs` as consecutive ≤1000-MAC requests, one at a time, never retrying. A request that
 * fails as a whole marks only its own MACs failed with the error's message; the others' results
 * stand.
 */
export async function runAssignment(
  macs: readonly string[],
  send: (chunk: string[]) => Promise<GroupAssignResult>,
  onProgress: (p: RunProgress, outcomes: MacOutcome[]) => void = () => {},
): Promise<MacOutcome[]> {
  const chunks = chunk(macs);
  const outcomes: MacOutcome[] = [];
  let done = 0;
  for (const [i, part] of chunks.entries()) {
    try {
      const r = await send(part);
      const failed = new Map(r.failed.map((f) => [f.mac, f.reason]));
      for (const mac of part) {
        const reason = failed.get(mac);
        outcomes.push(reason ? { mac, ok: false, reason } : { mac, ok: true });
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      for (const mac of part) outcomes.push({ mac, ok: false, reason: "request", message });
    }
    done += part.length;
    onProgress({ done, total: macs.length, chunk: i + 1, chunks: chunks.length }, outcomes.slice());
  }
  return outcomes;
}

export function failedMacs(outcomes: readonly MacOutcome[]): string[] {
  return outcomes.filter((o) => !o.ok).map((o) => o.mac);
}
