import type { Metadata } from "next";
import { translator } from "@/lib/i18n/core";
import { reports } from "@/lib/i18n/messages/reports";
import { OverviewClient } from "@/components/overview/overview-client";
import { getRequestLocale } from "../request-locale";
import { PageMessages } from "../page-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(reports, await getRequestLocale())("overviewTitle") };
}

export default function OverviewPage() {
  return (
    <PageMessages ns={["charts", "devices", "reports"]}>
      <OverviewClient />
    </PageMessages>
  );
}
