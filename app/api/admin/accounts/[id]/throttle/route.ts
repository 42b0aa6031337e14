import { z } from "zod";
import { accountIdSchema } from "@/lib/schemas/ids";
import { audited } from "@/server/audit";
import { findAccountById } from "@/server/auth/accounts";
import { clearSignInThrottle } from "@/server/auth/throttle";
import { errors } from "@/server/errors";
import { defineRoute } from "@/server/http/route";
import { serverText } from "@/server/text";

/** An admin clears the sign-in delay that repeated wrong passwords put on an account's username. */
export const DELETE = defineRoute({ permission: "admin", params: z.object({ id: accountIdSchema }) }, async ({ user, params }) => {
  const target = await findAccountById(params.id);
  if (!target) throw errors.notFound(serverText("accountNotFound"));
  await audited({ user, action: "account.unlock", target: target.username, payload: {} }, () => clearSignInThrottle(target.username));
});
