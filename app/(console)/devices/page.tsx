import type { Metadata } from "next";
import { translator } from "@/lib/i18n/core";
import { devices } from "@/lib/i18n/messages/devices";
import { can } from "@/lib/roles";
import { DeviceSearchClient } from "@/components/devices/search/device-search-client";
import { getSessionUser } from "@/server/auth/session";
import { getRequestLocale } from "../../request-locale";
import { PageMessages } from "../../page-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(devices, await getRequestLocale())("title") };
}

export default async function DevicesPage() {
  const user = await getSessionUser();
  return (
    <PageMessages ns={["device-detail", "devices", "devices-domain", "exports", "groups", "jobs", "jobs-entry", "users"]}>
      <DeviceSearchClient
        canWrite={Boolean(user && can(user.role, "groups:write") && can(user.role, "bindings:write"))}
        canControl={Boolean(user && can(user.role, "control"))}
      />
    </PageMessages>
  );
}
