import { z } from "zod";
import { updateAccountSchema } from "@/lib/schemas/accounts";
import { accountIdSchema } from "@/lib/schemas/ids";
import { audited } from "@/server/audit";
import { findAccountById, updateAccount } from "@/server/auth/accounts";
import { forgetSessionUser } from "@/server/auth/session";
import { errors } from "@/server/errors";
import { defineRoute } from "@/server/http/route";
import { serverText } from "@/server/text";

export const PATCH = defineRoute(
  { permission: "admin", params: z.object({ id: accountIdSchema }), body: updateAccountSchema },
  async ({ user, params, body }) => {
    const target = await findAccountById(params.id);
    if (!target) throw errors.notFound(serverText("accountNotFound"));
    // The new password itself is never recorded; `changed` still shows that it was reset.
    const { password: _password, ...visible } = body;
    const changed = Object.keys(body).filter((k) => body[k as keyof typeof body] !== undefined);
    const account = await audited({ user, action: "account.update", target: target.username, payload: { ...visible, changed } }, () =>
      updateAccount(params.id, body),
    );
    // Sessions of this account see the new role or disabled state on their next request.
    forgetSessionUser(params.id);
    return account;
  },
);
