import type { Metadata } from "next";
import { can } from "@/lib/roles";
import { translator } from "@/lib/i18n/core";
import { deviceDetail } from "@/lib/i18n/messages/device-detail";
import { getSessionUser } from "@/server/auth/session";
import { DeviceDetailClient } from "@/components/devices/detail/device-detail-client";
import { getRequestLocale } from "../../../request-locale";
import { PageMessages } from "../../../page-messages";

export async function generateMetadata({ params }: { params: Promise<{ did: string }> }): Promise<Metadata> {
  const { did } = await params;
  return { title: `${translator(deviceDetail, await getRequestLocale())("title")} ${decodeURIComponent(did)}` };
}

export default async function DevicePage({ params }: { params: Promise<{ did: string }> }) {
  const { did } = await params;
  const user = await getSessionUser();
  // The control route authorizes on its own; this only decides whether the form is offered.
  return (
    <PageMessages ns={["charts", "device-detail", "devices-domain", "exports", "schedules", "users"]}>
      <DeviceDetailClient
        id={decodeURIComponent(did)}
        canControl={!!user && can(user.role, "control")}
        canBind={!!user && can(user.role, "bindings:write")}
      />
    </PageMessages>
  );
}
