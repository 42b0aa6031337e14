import type { Metadata } from "next";
import { translator } from "@/lib/i18n/core";
import { jobs } from "@/lib/i18n/messages/jobs";
import { can } from "@/lib/roles";
import { JobDetailClient } from "@/components/jobs/job-detail-client";
import { getSessionUser } from "@/server/auth/session";
import { getRequestLocale } from "../../../request-locale";
import { PageMessages } from "../../../page-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(jobs, await getRequestLocale())("jobTitle") };
}

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getSessionUser();
  return (
    <PageMessages ns={["devices-domain", "jobs"]}>
      <JobDetailClient id={decodeURIComponent(id)} canControl={Boolean(user && can(user.role, "control"))} />
    </PageMessages>
  );
}
