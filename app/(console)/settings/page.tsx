import { getSessionUser } from "@/server/auth/session";
import { can } from "@/lib/roles";
import { Forbidden } from "@/components/shell/forbidden";
import { SettingsClient } from "@/components/settings/settings-client";
import { PageMessages } from "../../page-messages";

/** Managers and up read the per-product capabilities; only admins see account management. */
export default async function SettingsPage() {
  const user = await getSessionUser();
  if (!user || !can(user.role, "read")) return <Forbidden needs="manager" />;
  return (
    <PageMessages ns={["capabilities"]}>
      <SettingsClient admin={can(user.role, "admin")} />
    </PageMessages>
  );
}
