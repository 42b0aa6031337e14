import type { Metadata } from "next";
import { getSessionUser } from "@/server/auth/session";
import { can } from "@/lib/roles";
import { translator } from "@/lib/i18n/core";
import { accounts } from "@/lib/i18n/messages/accounts";
import { Forbidden } from "@/components/shell/forbidden";
import { getRequestLocale } from "../../../request-locale";
import { AccountsClient } from "@/components/accounts/accounts-client";
import { PageMessages } from "../../../page-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(accounts, await getRequestLocale())("title") };
}

export default async function AccountsPage() {
  const user = await getSessionUser();
  if (!user || !can(user.role, "admin")) return <Forbidden needs="admin" />;
  return (
    <PageMessages ns={["accounts"]}>
      <AccountsClient currentUserId={user.id} />
    </PageMessages>
  );
}
