import { format, type Locale, type LocalizedText, localized } from "./i18n/core";
import { devicesDomain } from "./i18n/messages/devices-domain";

export type DevicesDomainKey = keyof typeof devicesDomain.en & string;

export function say(key: DevicesDomainKey, vars?: Record<string, string | number>): LocalizedText {
  return localized(devicesDomain, key, vars);
}

export function text(key: DevicesDomainKey, locale: Locale, vars?: Record<string, string | number>): string {
  return format(devicesDomain[locale][key], vars);
}
