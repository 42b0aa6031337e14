import { format, type Locale } from "./i18n/core";
import { devicesDomain } from "./i18n/messages/devices-domain";

/** A message in both languages, for results computed once and shown in either locale. */
export type Bilingual = Record<Locale, string>;

export type DevicesDomainKey = keyof typeof devicesDomain.en & string;

export function say(key: DevicesDomainKey, vars?: Record<string, string | number>): Bilingual {
  return { en: format(devicesDomain.en[key], vars), "zh-CN": format(devicesDomain["zh-CN"][key], vars) };
}

export function text(key: DevicesDomainKey, locale: Locale, vars?: Record<string, string | number>): string {
  return format(devicesDomain[locale][key], vars);
}
