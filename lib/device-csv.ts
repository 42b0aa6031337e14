import type { CsvColumn } from "./csv";
import type { Translator } from "./i18n/core";
import type { devices } from "./i18n/messages/devices";
import type { DeviceRow } from "./schemas/devices";

/**
 * The columns of every device CSV (the streamed search export, a selection, a group's members,
 * the report lists), so the files read the same wherever they come from. `dt` formats unix
 * seconds in the console's zone.
 */
export function deviceCsvColumns(t: Translator<(typeof devices)["en"]>, dt: (unixSec: number | null) => string): CsvColumn<DeviceRow>[] {
  return [
    { header: "did", value: (d) => d.did },
    { header: "mac", value: (d) => d.mac },
    { header: t("csvOnline"), value: (d) => (d.isOnline ? 1 : 0) },
    { header: t("csvFaulty"), value: (d) => (d.isFaulty ? 1 : 0) },
    { header: t("csvAlert"), value: (d) => (d.isAlert ? 1 : 0) },
    { header: t("csvDisabled"), value: (d) => (d.isDisabled ? 1 : 0) },
    { header: t("csvCountry"), value: (d) => d.country },
    { header: t("csvRegion"), value: (d) => d.region },
    { header: t("csvCity"), value: (d) => d.city },
    { header: t("csvLongitude"), value: (d) => d.longitude },
    { header: t("csvLatitude"), value: (d) => d.latitude },
    { header: t("csvLastOnline"), value: (d) => dt(d.onlineLatest) },
    { header: t("csvCreated"), value: (d) => dt(d.createdAt) },
    { header: t("csvMcuHard"), value: (d) => d.mcuHardVersion },
    { header: t("csvMcuSoft"), value: (d) => d.mcuSoftVersion },
    { header: t("csvWifiHard"), value: (d) => d.wifiHardVersion },
    { header: t("csvWifiSoft"), value: (d) => d.wifiSoftVersion },
  ];
}
