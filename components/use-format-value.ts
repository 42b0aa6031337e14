"use client";

import { useCallback } from "react";
import { formatValueWith } from "@/lib/plain/datapoint-values";
import type { AttrValue, Datapoint } from "@/lib/schemas/datapoints";
import { useLocale, useT } from "./i18n";

/**
 * lib/datapoints formatValue for client components: the words it needs ("no value", on/off) come
 * from the page's "devices-domain" messages, so the catalogue is not bundled in both languages.
 */
export function useFormatValue(): (dp: Datapoint, value: AttrValue | undefined) => string {
  const t = useT("devices-domain");
  const locale = useLocale();
  return useCallback(
    (dp, value) => formatValueWith(dp, value, locale, { noValue: t("noValue"), boolOn: t("boolOn"), boolOff: t("boolOff") }),
    [t, locale],
  );
}
