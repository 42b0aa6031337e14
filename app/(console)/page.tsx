import type { Metadata } from "next";
import { translator } from "@/lib/i18n/core";
import { reports } from "@/lib/i18n/messages/reports";
import { OverviewClient } from "@/components/overview/overview-client";
import { getRequestLocale } from "../request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(reports, await getRequestLocale())("overviewTitle") };
}

export default function OverviewPage() {
  return <OverviewClient />;
}
