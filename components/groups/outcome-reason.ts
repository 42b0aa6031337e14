import type { Catalogues } from "@/lib/i18n/catalogues";
import type { Translator } from "@/lib/i18n/core";
import type { MacOutcome } from "./assign-runner";

/**
 * Why one MAC of a group assignment failed, in the reader's language. Its own module so the move
 * banner shows it without bringing the whole bulk-assign dialog into the groups page's first load.
 */
export function outcomeReason(o: MacOutcome, t: Translator<Catalogues["groups"]>): string {
  if (o.ok) return "";
  return o.reason === "request" ? t("reasonRequest", { message: o.message }) : t(`reason${o.reason}`);
}
