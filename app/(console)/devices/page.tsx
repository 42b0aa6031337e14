import type { Metadata } from "next";
import { translator } from "@/lib/i18n/core";
import { devices } from "@/lib/i18n/messages/devices";
import { DeviceSearchClient } from "@/components/devices/search/device-search-client";
import { getRequestLocale } from "../../request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(devices, await getRequestLocale())("title") };
}

export default function DevicesPage() {
  return <DeviceSearchClient />;
}
