import type { Metadata } from "next";
import { getSessionUser } from "@/server/auth/session";
import { can } from "@/lib/roles";
import { translator } from "@/lib/i18n/core";
import { audit } from "@/lib/i18n/messages/audit";
import { Forbidden } from "@/components/shell/forbidden";
import { getRequestLocale } from "../../request-locale";
import { AuditClient } from "@/components/audit/audit-client";
import { PageMessages } from "../../page-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(audit, await getRequestLocale())("title") };
}

export default async function AuditPage() {
  const user = await getSessionUser();
  // The API refuses non-admins too; this only spares them a page of errors.
  if (!user || !can(user.role, "admin")) return <Forbidden needs="admin" />;
  return (
    <PageMessages ns={["audit"]}>
      <AuditClient />
    </PageMessages>
  );
}
