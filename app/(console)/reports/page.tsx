import type { Metadata } from "next";
import { translator } from "@/lib/i18n/core";
import { reports } from "@/lib/i18n/messages/reports";
import { ReportsClient } from "@/components/reports/reports-client";
import { getRequestLocale } from "../../request-locale";
import { PageMessages } from "../../page-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(reports, await getRequestLocale())("title") };
}

export default function ReportsPage() {
  return (
    <PageMessages ns={["charts", "devices", "exports", "reports"]}>
      <ReportsClient />
    </PageMessages>
  );
}
