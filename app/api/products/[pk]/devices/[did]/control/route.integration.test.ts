import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/server/auth/session";
import { useThrowawayDatabase } from "@/server/db/testing";
import { emulator } from "@/server/gizwits/test/emulator";

const emu = emulator();
emu.useEnv();
useThrowawayDatabase();

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/server/auth/session", async (orig) => ({ ...(await orig<object>()), getSessionUser: async () => session.user }));

const { auditLog, closeDb, db } = await import("@/server/db");
const control = await import("./route");

const H = { host: "c.test", origin: "http://c.test", "content-type": "application/json", "accept-language": "en" };
let pk = "";
let did = "";
let n = 0;
const post = (body: unknown) =>
  control.POST(
    new NextRequest(`http://c.test/api/products/${pk}/devices/${did}/control`, {
      method: "POST",
      headers: { ...H, "idempotency-key": `control-route-test-${n++}` },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ pk, did }) },
  );
const audited = async () => (await (await db()).select().from(auditLog)).filter((r) => r.action === "device.control" && r.target === did);

beforeAll(async () => {
  await db();
  session.user = { id: "u-ops", username: "ops", name: "Ops", role: "ops" };
  const p = (await emu.sample()).products.find((x) => x.remote_control && x.online.length > 0);
  if (!p) throw new Error("emulator sample has no controllable online device");
  pk = p.product_key;
  did = p.online[0]!.did;
});
afterAll(() => closeDb());

// The route takes the body schema the control form is tested against (lib/control.ts).
describe("POST …/control body", () => {
  it("accepts every raw form the form can build and sends the bytes as the documented decimal array", async () => {
    for (const body of [{ raw: [97, 98, 99] }, { raw: "616263", binary_coding: "hex" }, { raw: "YWJj", binary_coding: "base64" }]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(200);
    }
    const commands = (await audited()).map((r) => (r.payload as { command: unknown }).command);
    expect(commands).toEqual([{ raw: [97, 98, 99] }, { raw: [97, 98, 99] }, { raw: [97, 98, 99] }]);
  });

  it.each([
    ["attrs and raw together", { attrs: { a: 1 }, raw: [1] }],
    ["empty attrs", { attrs: {} }],
    ["a byte out of range", { raw: [256] }],
    ["bad hex", { raw: "6g", binary_coding: "hex" }],
    ["an unknown coding", { raw: "abc", binary_coding: "utf8" }],
  ])("refuses %s with a 400, before anything is audited or sent", async (_why, body) => {
    const before = (await audited()).length;
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/\S/);
    expect(await audited()).toHaveLength(before);
  });
});
