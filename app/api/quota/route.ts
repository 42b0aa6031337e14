import { quotaStatus } from "@/server/gizwits/quota";
import { defineRoute } from "@/server/http/route";

/** The enterprise's upstream budget as this console sees it; costs no upstream call. */
export const GET = defineRoute({ permission: "read" }, () => quotaStatus());
