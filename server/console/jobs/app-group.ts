import "server-only";
import { processSingleton } from "@/server/process-singleton";
import { createAppGroup, listAppGroups } from "@/server/openapi/groups";
import { serviceCaller, serviceUserBindings } from "@/server/openapi/service-user";

/**
 * The console's app group per product for jobs on the Open API path: a single-product group of
 * the console's service user, found by its name or created, and remembered for the process.
 */
const groups = processSingleton("__consoleJobAppGroups", () => new Map<string, Promise<string>>());

export function jobGroupName(pk: string): string {
  return `console-jobs-${pk.slice(0, 12)}`;
}

export function jobAppGroup(pk: string): Promise<string> {
  const held = groups.get().get(pk);
  if (held) return held;
  const p = (async () => {
    const caller = serviceCaller(pk);
    const name = jobGroupName(pk);
    const found = (await listAppGroups(caller)).find((g) => g.name === name && g.productKey === pk);
    return found ? found.id : createAppGroup(caller, { name, productKey: pk });
  })();
  groups.get().set(pk, p);
  p.catch(() => groups.get().delete(pk));
  return p;
}

/** Dids already bound to the service user (bindings read page by page). */
export async function serviceUserBoundDids(pk: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (let skip = 0; ; ) {
    const page = await serviceUserBindings(pk, { limit: 1000, skip, showDisabled: true });
    for (const d of page.devices) out.add(d.did);
    skip += page.devices.length;
    if (page.devices.length < 1000) return out;
  }
}
