import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/session";
import { Welcome } from "@/components/shell/welcome";

export default async function OverviewPage() {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  return <Welcome name={user.name} role={user.role} />;
}
