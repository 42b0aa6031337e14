import type { Metadata } from "next";
import { translator } from "@/lib/i18n/core";
import { jobs } from "@/lib/i18n/messages/jobs";
import { can } from "@/lib/roles";
import { JobsClient } from "@/components/jobs/jobs-client";
import { getSessionUser } from "@/server/auth/session";
import { getRequestLocale } from "../../request-locale";
import { PageMessages } from "../../page-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(jobs, await getRequestLocale())("title") };
}

export default async function JobsPage() {
  const user = await getSessionUser();
  // Every role reads jobs; "control" (ops, admin) creates and acts on them — the API checks again.
  return (
    <PageMessages ns={["device-detail", "devices", "devices-domain", "jobs", "jobs-entry"]}>
      <JobsClient
        canControl={Boolean(user && can(user.role, "control"))}
        me={{ id: user?.id ?? "", name: user?.name || user?.username || "" }}
      />
    </PageMessages>
  );
}
