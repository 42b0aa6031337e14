import type { Metadata } from "next";
import { translator } from "@/lib/i18n/core";
import { groups } from "@/lib/i18n/messages/groups";
import { can } from "@/lib/roles";
import { GroupsClient } from "@/components/groups/groups-client";
import { getSessionUser } from "@/server/auth/session";
import { getRequestLocale } from "../../request-locale";
import { PageMessages } from "../../page-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(groups, await getRequestLocale())("title") };
}

export default async function GroupsPage() {
  const user = await getSessionUser();
  return (
    <PageMessages ns={["device-detail", "devices", "devices-domain", "groups", "jobs", "jobs-entry", "schedules"]}>
      <GroupsClient canWrite={Boolean(user && can(user.role, "groups:write"))} canControl={Boolean(user && can(user.role, "control"))} />
    </PageMessages>
  );
}
