/**
 * The message catalogues a client component can ask for by name: `useT("devices")`.
 *
 * Only types live here, so importing this module puts no text in a browser bundle. The text of a
 * namespace reaches the browser in the active locale only, from the server: the root layout
 * provides "common" and "shell", and each page provides the namespaces its client tree uses
 * (`pageMessages` in server/i18n.ts, rendered through <MessagesProvider>). A test walks every
 * page's import graph (app/i18n-namespaces.test.ts) and fails when a page does not provide a
 * namespace that one of its components asks for.
 *
 * Client code that needs a catalogue outside React (a lazy chunk, a CSV writer, a validator)
 * may still import the catalogue module itself: that text is then bundled in both locales.
 */
import type { accounts } from "./messages/accounts";
import type { audit } from "./messages/audit";
import type { capabilitiesText } from "./messages/capabilities";
import type { charts } from "./messages/charts";
import type { common } from "./messages/common";
import type { deviceDetail } from "./messages/device-detail";
import type { devices } from "./messages/devices";
import type { devicesDomain } from "./messages/devices-domain";
import type { exports } from "./messages/exports";
import type { groups } from "./messages/groups";
import type { jobs } from "./messages/jobs";
import type { jobsEntry } from "./messages/jobs-entry";
import type { reports } from "./messages/reports";
import type { schedules } from "./messages/schedules";
import type { shell } from "./messages/shell";
import type { signin } from "./messages/signin";
import type { users } from "./messages/users";

/** Namespace name → the en table of that catalogue (zh-CN has the same keys). */
export interface Catalogues {
  accounts: (typeof accounts)["en"];
  audit: (typeof audit)["en"];
  capabilities: (typeof capabilitiesText)["en"];
  charts: (typeof charts)["en"];
  common: (typeof common)["en"];
  "device-detail": (typeof deviceDetail)["en"];
  devices: (typeof devices)["en"];
  "devices-domain": (typeof devicesDomain)["en"];
  exports: (typeof exports)["en"];
  groups: (typeof groups)["en"];
  jobs: (typeof jobs)["en"];
  "jobs-entry": (typeof jobsEntry)["en"];
  reports: (typeof reports)["en"];
  schedules: (typeof schedules)["en"];
  shell: (typeof shell)["en"];
  signin: (typeof signin)["en"];
  users: (typeof users)["en"];
}

export type Namespace = keyof Catalogues;

/** Namespaces in one locale, as the server hands them to <MessagesProvider>. */
export type LocaleTables = Partial<Record<Namespace, Record<string, string>>>;
