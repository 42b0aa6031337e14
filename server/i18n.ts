import "server-only";
import type { Locale, Messages } from "@/lib/i18n/core";
import type { Catalogues, LocaleTables, Namespace } from "@/lib/i18n/catalogues";
import { accounts } from "@/lib/i18n/messages/accounts";
import { audit } from "@/lib/i18n/messages/audit";
import { capabilitiesText } from "@/lib/i18n/messages/capabilities";
import { charts } from "@/lib/i18n/messages/charts";
import { common } from "@/lib/i18n/messages/common";
import { deviceDetail } from "@/lib/i18n/messages/device-detail";
import { devices } from "@/lib/i18n/messages/devices";
import { devicesDomain } from "@/lib/i18n/messages/devices-domain";
import { exports } from "@/lib/i18n/messages/exports";
import { groups } from "@/lib/i18n/messages/groups";
import { jobs } from "@/lib/i18n/messages/jobs";
import { jobsEntry } from "@/lib/i18n/messages/jobs-entry";
import { reports } from "@/lib/i18n/messages/reports";
import { schedules } from "@/lib/i18n/messages/schedules";
import { shell } from "@/lib/i18n/messages/shell";
import { signin } from "@/lib/i18n/messages/signin";
import { users } from "@/lib/i18n/messages/users";

/** Every namespace a client component can ask for with useT("name"), by name. */
export const CATALOGUES: { [N in Namespace]: Messages<Catalogues[N]> } = {
  accounts,
  audit,
  capabilities: capabilitiesText,
  charts,
  common,
  "device-detail": deviceDetail,
  devices,
  "devices-domain": devicesDomain,
  exports,
  groups,
  jobs,
  "jobs-entry": jobsEntry,
  reports,
  schedules,
  shell,
  signin,
  users,
};

/**
 * The tables of `namespaces` in `locale` only, for <MessagesProvider>: the browser gets the text
 * of the pages it opens in the language it reads, instead of every catalogue in both languages
 * in its JavaScript (issue 17).
 */
export function localeTables(locale: Locale, namespaces: readonly Namespace[]): LocaleTables {
  const out: LocaleTables = {};
  for (const ns of namespaces) out[ns] = CATALOGUES[ns][locale] as Record<string, string>;
  return out;
}
