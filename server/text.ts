import "server-only";
import { type LocalizedText, localized } from "@/lib/i18n/core";
import { serverErrors } from "@/lib/i18n/messages/server-errors";

export type ServerTextKey = keyof typeof serverErrors.en & string;

/** A server message (lib/i18n/messages/server-errors.ts) in both languages, for an AppError. */
export function serverText(key: ServerTextKey, vars?: Record<string, string | number>): LocalizedText {
  return localized(serverErrors, key, vars);
}
