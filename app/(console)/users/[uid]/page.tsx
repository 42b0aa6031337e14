import type { Metadata } from "next";
import { can } from "@/lib/roles";
import { translator } from "@/lib/i18n/core";
import { users } from "@/lib/i18n/messages/users";
import { getSessionUser } from "@/server/auth/session";
import { UserDetailClient } from "@/components/users/user-detail-client";
import { getRequestLocale } from "../../../request-locale";
import { PageMessages } from "../../../page-messages";

export async function generateMetadata({ params }: { params: Promise<{ uid: string }> }): Promise<Metadata> {
  const { uid } = await params;
  return { title: translator(users, await getRequestLocale())("userTitle", { name: decodeURIComponent(uid) }) };
}

export default async function UserPage({ params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  const user = await getSessionUser();
  // The bindings route authorizes on its own; this only decides whether bind/unbind is offered.
  return (
    <PageMessages ns={["devices", "exports", "users"]}>
      <UserDetailClient uid={decodeURIComponent(uid)} canBind={!!user && can(user.role, "bindings:write")} />
    </PageMessages>
  );
}
