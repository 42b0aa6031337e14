/**
 * Bad input never gets a 500 from /app: every operation is called with a valid AppID and user
 * token but malformed bodies, queries and path parameters, and must answer a documented 4xx error.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { startAppKit, type AppKit } from "./apptest";

let kit: AppKit;
beforeAll(async () => {
  kit = await startAppKit();
});
afterAll(async () => {
  await kit.emu.close();
});

const OPS: [string, string][] = [
  ["POST", "/app/users"],
  ["GET", "/app/users"],
  ["PUT", "/app/users"],
  ["POST", "/app/login"],
  ["POST", "/app/request_token"],
  ["POST", "/app/reset_password"],
  ["POST", "/app/sms_code"],
  ["GET", "/app/verify/codes"],
  ["POST", "/app/verify/codes"],
  ["PUT", "/app/verify/codes"],
  ["GET", "/app/messages"],
  ["PUT", "/app/messages/{x}"],
  ["POST", "/app/bind_mac"],
  ["POST", "/app/bind_latest"],
  ["GET", "/app/bindings"],
  ["PUT", "/app/bindings/{x}"],
  ["DELETE", "/app/bindings"],
  ["GET", "/app/{x}/bindings"],
  ["DELETE", "/app/{x}/bindings"],
  ["GET", "/app/devdata/{x}/latest"],
  ["GET", "/app/datapoint"],
  ["GET", "/app/devices/{x}"],
  ["GET", "/app/devices/{x}/raw_data"],
  ["POST", "/app/control/{x}"],
  ["GET", "/app/devdata/{x}/agg_data"],
  ["PUT", "/app/devdata/{x}/agg_data"],
  ["GET", "/app/sharing"],
  ["POST", "/app/sharing"],
  ["PUT", "/app/sharing/{x}"],
  ["DELETE", "/app/sharing/{x}"],
  ["GET", "/app/sharing/code/{x}"],
  ["POST", "/app/sharing/code/{x}"],
  ["PUT", "/app/sharing/{x}/alias"],
  ["POST", "/app/sharing/{x}/transfer"],
  ["GET", "/app/group"],
  ["POST", "/app/group"],
  ["PUT", "/app/group/{x}"],
  ["DELETE", "/app/group/{x}"],
  ["GET", "/app/group/{x}/devices"],
  ["POST", "/app/group/{x}/devices"],
  ["DELETE", "/app/group/{x}/devices"],
  ["POST", "/app/group/{x}/control"],
  ["GET", "/app/rules/params"],
  ["GET", "/app/rules"],
  ["POST", "/app/rules"],
  ["PUT", "/app/rules/{x}"],
  ["DELETE", "/app/rules/{x}"],
  ["GET", "/app/scene"],
  ["POST", "/app/scene"],
  ["PUT", "/app/scene/{x}"],
  ["POST", "/app/scene/{x}"],
  ["DELETE", "/app/scene/{x}"],
  ["GET", "/app/scene/{x}/task"],
  ["POST", "/app/scene/{x}/task"],
  ["GET", "/app/devices/{x}/scheduler"],
  ["POST", "/app/devices/{x}/scheduler"],
  ["PUT", "/app/devices/{x}/scheduler/{x}"],
  ["DELETE", "/app/devices/{x}/scheduler/{x}"],
  ["GET", "/app/common_scheduler"],
  ["POST", "/app/common_scheduler"],
  ["PUT", "/app/common_scheduler/{x}"],
  ["DELETE", "/app/common_scheduler/{x}"],
  ["GET", "/status"],
  ["GET", "/errors"],
];

const BODIES = [
  "",
  "{",
  "[]",
  "{}",
  JSON.stringify({
    attrs: 5,
    raw: {},
    did: 5,
    dids: "x",
    devices: "x",
    time: 5,
    date: 7,
    repeat: 1,
    days: "x",
    type: "x",
    tasks: 3,
    output: {},
  }),
  JSON.stringify({ attrs: { set_temp: "hot" }, raw: [1, -1], dids: [null], devices: [{}], phone: 1, code: {}, username: [], password: 1 }),
];
const QUERIES = [
  "?limit=-1&skip=x",
  "?limit=999999&status=9&type=%00&sharing_type=7&start_time=x&end_time=1e99&sort=up",
  "?product_key=%E4%BD%A0&uid=..&user_alias=",
];

it("every /app operation answers malformed input with a 4xx 9xxx error (or 2xx), never 5xx", async () => {
  const s = await kit.register();
  const demo = kit.meta.demo_users.find((u) => u.username === "demo_alice" && u.appid === kit.appid(0));
  const params = ["abc", demo?.devices[0] ?? "x", "10401"];
  const bad: string[] = [];
  for (const [method, template] of OPS) {
    // One operation at a time, its malformed variants concurrently.
    const calls = params.flatMap((p) =>
      QUERIES.flatMap((q) =>
        (method === "GET" ? [undefined] : BODIES).map(async (body) => {
          const url = `${template.replaceAll("{x}", p)}${q}`;
          const res = await kit.call(url, { method, token: s.token, body });
          const text = await res.text();
          if (res.status >= 500) bad.push(`${method} ${url} ${body} → ${res.status} ${text}`);
          else if (res.status >= 400 && res.status !== 404 && res.status !== 405) {
            const b = JSON.parse(text) as { error_code?: number };
            if (typeof b.error_code !== "number" || b.error_code < 9000) bad.push(`${method} ${url} ${body} → ${res.status} ${text}`);
          }
        }),
      ),
    );
    await Promise.all(calls);
  }
  expect(bad).toEqual([]);
}, 120_000);

it("/__emulator/reset rebuilds the app side too: demo users come back with the same uids, other users and tokens are gone", async () => {
  const s = await kit.register(kit.appid(0), "before_reset");
  const before = kit.meta.demo_users.map((u) => u.uid).sort();
  expect((await kit.control("/reset", {})).status).toBe(200);
  const after = (await (await fetch(`${kit.url}/__emulator/openapi`)).json()) as { demo_users: { uid: string }[] };
  expect(after.demo_users.map((u) => u.uid).sort()).toEqual(before);
  const login = await kit.call("/app/login", { method: "POST", body: { username: "demo_alice", password: kit.meta.demo_password } });
  expect(login.status).toBe(200);
  const gone = await kit.call("/app/login", { method: "POST", body: { username: "before_reset", password: "Secret-pass-1" } });
  expect(((await gone.json()) as { error_code: number }).error_code).toBe(9020);
  const stale = await kit.call("/app/users", { token: s.token });
  expect(((await stale.json()) as { error_code: number }).error_code).toBe(9004);
});
