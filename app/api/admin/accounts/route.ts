import { createAccountSchema } from "@/lib/schemas/accounts";
import { audited } from "@/server/audit";
import { createAccount, listAccounts } from "@/server/auth/accounts";
import { defineRoute } from "@/server/http/route";

export const GET = defineRoute({ permission: "admin" }, async () => ({ items: await listAccounts() }));

export const POST = defineRoute({ permission: "admin", body: createAccountSchema }, async ({ user, body }) => {
  const account = await audited(
    { user, action: "account.create", target: body.username, payload: { username: body.username, name: body.name, role: body.role } },
    () => createAccount(body),
  );
  return Response.json(account, { status: 201 });
});
