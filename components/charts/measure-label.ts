import type { Translator } from "@/lib/i18n/core";
import type { charts } from "@/lib/i18n/messages/charts";
import type { Measure } from "@/lib/location-tree";

type ChartsT = Translator<(typeof charts)["en"]>;

const COUNTER_KEYS = {
  count: "measureCount",
  total: "measureTotal",
  activated: "measureActivated",
  faulty: "measureFaulty",
  alert: "measureAlert",
  resolved: "measureResolved",
  unresolved: "measureUnresolved",
  online: "measureOnline",
} as const;

function counterLabel(key: string, t: ChartsT): string {
  return key in COUNTER_KEYS ? t(COUNTER_KEYS[key as keyof typeof COUNTER_KEYS]) : key;
}

/**
 * Display name of a measure. Detail measures (`fault_roomtemp.total`) use the datapoint's display
 * name when the caller knows it (from the product's datapoints), else the identifier.
 */
export function measureLabel(measure: Measure, t: ChartsT, datapointLabels?: Readonly<Record<string, string>>): string {
  const dot = measure.indexOf(".");
  if (dot === -1) return counterLabel(measure, t);
  const dp = measure.slice(0, dot);
  return t("detailMeasure", { datapoint: datapointLabels?.[dp] ?? dp, counter: counterLabel(measure.slice(dot + 1), t) });
}
