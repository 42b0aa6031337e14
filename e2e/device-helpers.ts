import { e2eEmulator } from "./fixtures";

/** Demo tenant products used by the device page specs. */
export const WATER_METER = "4bd8778c5aa4602e5c9a5a208a1fdcc3";
export const AIR_CONDITIONER = "6f2e214bf2d79649232431b94a25f46a";

export interface EmuDevice {
  did: string;
  mac: string;
}

/**
 * Picks devices straight from the emulator (as the upstream would list them), so the specs do
 * not depend on the device search page. `skip` keeps specs on different devices: they share
 * one emulator and the console's caches.
 */
export async function emulatorDevices(pk: string, opts: { online?: boolean; skip?: number; limit?: number } = {}): Promise<EmuDevice[]> {
  const emulator = e2eEmulator();
  const token = await emulator.token(pk);
  const q = new URLSearchParams({ limit: String(opts.limit ?? 1), skip: String(opts.skip ?? 0) });
  if (opts.online !== undefined) q.set("is_online", opts.online ? "1" : "0");
  const res = await fetch(`${emulator.url}/v1/products/${pk}/devices/search?${q.toString()}`, {
    headers: { Authorization: `token ${token}` },
  });
  const body = (await res.json()) as { objects: EmuDevice[] };
  if (!body.objects.length) throw new Error("emulator returned no devices");
  return body.objects.map((o) => ({ did: o.did, mac: o.mac }));
}

export function devicePath(pk: string, did: string, tab?: string): string {
  return `/devices/${encodeURIComponent(did)}?product=${pk}${tab ? `&tab=${tab}` : ""}`;
}
