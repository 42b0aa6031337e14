import type { ReactNode } from "react";
import type { Namespace } from "@/lib/i18n/catalogues";
import { MessagesProvider } from "@/components/i18n";
import { localeTables } from "@/server/i18n";
import { getRequestLocale } from "./request-locale";

/**
 * Gives a page's client tree the message tables it asks for by namespace (useT), in the reader's
 * language only ("common" and "shell" come from the root layout). List every namespace the page's
 * components use, lazy dialogs included: app/i18n-namespaces.test.ts checks the list.
 */
export async function PageMessages({ ns, children }: { ns: readonly Namespace[]; children: ReactNode }) {
  return <MessagesProvider tables={localeTables(await getRequestLocale(), ns)}>{children}</MessagesProvider>;
}
