import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { boundUsersSchema } from "@/lib/schemas/device-detail";
import { userDetailSchema, userSearchResultSchema } from "@/lib/schemas/users";
import type { SessionUser } from "@/server/auth/session";
import { useThrowawayDatabase } from "@/server/db/testing";
import { emulator, type EmulatorSample } from "@/server/gizwits/test/emulator";

/*
 * Every console list of app users marks the console's own Open API service user, and only it.
 * The shared emulator is only read; the service user is a row of this test's own database
 * naming a user the emulator's demo tenant has bound to a device.
 */

vi.setConfig({ testTimeout: 60_000 });

const emu = emulator();
emu.useEnv();
useThrowawayDatabase();

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/server/auth/session", async (orig) => ({ ...(await orig<object>()), getSessionUser: async () => session.user }));

const { closeDb, db, openapiServiceUsers } = await import("@/server/db");
const { resetServiceUserState } = await import("./service-user");
const registered = await import("@/app/api/users/route");
const bound = await import("@/app/api/products/[pk]/users/search/route");
const detail = await import("@/app/api/products/[pk]/users/[uid]/route");
const deviceUsers = await import("@/app/api/products/[pk]/devices/[did]/users/route");

const H = { host: "c.test", origin: "http://c.test", "accept-language": "en" };
const get = (url: string) => new NextRequest(`http://c.test${url}`, { method: "GET", headers: H });
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

let pk: string;
let bu: NonNullable<EmulatorSample["bound_user"]>;

beforeAll(async () => {
  session.user = { id: "u-manager", username: "manager", name: "M", role: "manager" };
  const s = (await emu.sample()).products.find((p) => p.bound_user !== null);
  if (!s?.bound_user) throw new Error("emulator sample has no bound user");
  pk = s.product_key;
  bu = s.bound_user;
  await (await db())
    .insert(openapiServiceUsers)
    .values({ appid: bu.appid, username: "gzconsole_test", password: "Not-used-here-1!", uid: bu.uid });
  resetServiceUserState();
});
afterAll(() => closeDb());

describe("console service user marking", () => {
  it("marks it on the device's Users tab and nobody else", async () => {
    const r = boundUsersSchema.parse(
      await (await deviceUsers.GET(get(`/api/products/${pk}/devices/${bu.did}/users`), ctx({ pk, did: bu.did }))).json(),
    );
    const me = r.users.find((u) => u.uid === bu.uid);
    expect(me?.consoleServiceUser).toBe(true);
    expect(r.users.filter((u) => u.uid !== bu.uid).every((u) => u.consoleServiceUser === false)).toBe(true);
  });

  it("marks it in bound-user search, registered-user search and on the user page", async () => {
    const byDid = userSearchResultSchema.parse(
      await (await bound.GET(get(`/api/products/${pk}/users/search?type=did&val=${bu.did}`), ctx({ pk }))).json(),
    );
    expect(byDid.users.find((u) => u.uid === bu.uid)?.consoleServiceUser).toBe(true);

    const all = userSearchResultSchema.parse(await (await registered.GET(get(`/api/users?product=${pk}&page_size=100`), ctx())).json());
    expect(all.users.length).toBeGreaterThan(0);
    for (const u of all.users) expect(u.consoleServiceUser).toBe(u.uid === bu.uid);

    const page = userDetailSchema.parse(
      await (await detail.GET(get(`/api/products/${pk}/users/${bu.uid}`), ctx({ pk, uid: bu.uid }))).json(),
    );
    expect(page.user?.consoleServiceUser).toBe(true);
  });
});
