import { forgetCapabilities } from "@/server/console/capabilities";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";

/**
 * DELETE: forget what was learned about a product ("Check again"), so its next use asks Gizwits
 * again instead of waiting up to a day — e.g. right after Gizwits enabled its history logs. It
 * changes nothing upstream and costs no call by itself, so every role that sees the list may ask.
 */
export const DELETE = defineRoute(
  { permission: "read", params: productParams },
  async ({ params }): Promise<{ forgotten: number }> => ({
    forgotten: await forgetCapabilities(params.pk),
  }),
);
