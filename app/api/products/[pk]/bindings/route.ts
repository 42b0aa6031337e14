import { checks, guarded } from "@/lib/schemas/guards";
import { bindingSchema, type BindingResult } from "@/lib/schemas/users";
import type { SessionUser } from "@/server/auth/session";
import { audited } from "@/server/audit";
import { bindDevices, unbindDevices } from "@/server/gizwits/bindings";
import { defineRoute, type RouteRequest } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { idempotencyKeyOf, withIdempotency } from "@/server/idempotency";
import type { z } from "zod";
import { requireAppid } from "@/server/console/users";

type Binding = z.output<typeof bindingSchema>;

/**
 * One audited upstream write, sent once (the client never retries writes). An Idempotency-Key
 * makes a double submit answer from the first result instead of writing again.
 */
function write(req: RouteRequest, user: SessionUser, pk: string, kind: "create" | "delete", b: Binding): Promise<BindingResult> {
  requireAppid(pk, b.appid);
  const send = () =>
    audited({ user, action: `binding.${kind}`, productKey: pk, target: b.uid, payload: { appid: b.appid, dids: b.dids } }, async () => {
      const r = await (kind === "create" ? bindDevices : unbindDevices)(pk, b);
      // An answer that lists nothing ({}) means every did went through.
      if (r.success.length === 0 && r.failed.length === 0) return { success: b.dids, failed: [] };
      return { success: r.success, failed: r.failed };
    });
  const key = idempotencyKeyOf(req);
  return key ? withIdempotency(user.id, key, { pk, kind, ...b }, send) : send();
}

// POST /api/products/{pk}/bindings {uid, appid, dids} — bind the devices to the user.
export const POST = defineRoute(
  {
    permission: "bindings:write",
    params: productParams,
    body: guarded(bindingSchema, { uid: checks.uid, appid: checks.appid, dids: checks.did }),
  },
  ({ req, user, params, body }) => write(req, user, params.pk, "create", body),
);

// DELETE /api/products/{pk}/bindings {uid, appid, dids} — unbind them.
export const DELETE = defineRoute(
  {
    permission: "bindings:write",
    params: productParams,
    body: guarded(bindingSchema, { uid: checks.uid, appid: checks.appid, dids: checks.did }),
  },
  ({ req, user, params, body }) => write(req, user, params.pk, "delete", body),
);
