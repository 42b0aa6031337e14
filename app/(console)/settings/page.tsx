import { getSessionUser } from "@/server/auth/session";
import { can } from "@/lib/roles";
import { Forbidden } from "@/components/shell/forbidden";
import { SettingsClient } from "@/components/settings/settings-client";

export default async function SettingsPage() {
  const user = await getSessionUser();
  if (!user || !can(user.role, "admin")) return <Forbidden needs="admin" />;
  return <SettingsClient />;
}
