import { z } from "zod";
import { audited } from "@/server/audit";
import { findAccountById } from "@/server/auth/accounts";
import { clearSignInThrottle } from "@/server/auth/throttle";
import { errors } from "@/server/errors";
import { defineRoute } from "@/server/http/route";

/** An admin clears the sign-in delay that repeated wrong passwords put on an account's username. */
export const DELETE = defineRoute({ permission: "admin", params: z.object({ id: z.string().uuid() }) }, async ({ user, params }) => {
  const target = await findAccountById(params.id);
  if (!target) throw errors.notFound({ en: "No such account.", "zh-CN": "账号不存在。" });
  await audited({ user, action: "account.unlock", target: target.username, payload: {} }, () => clearSignInThrottle(target.username));
});
