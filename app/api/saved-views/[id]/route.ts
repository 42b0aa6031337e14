import { z } from "zod";
import { savedViewIdSchema } from "@/lib/schemas/ids";
import { defineRoute } from "@/server/http/route";
import { deleteView } from "@/server/console/saved-views";

// DELETE /api/saved-views/{id}
export const DELETE = defineRoute({ permission: "read", params: z.object({ id: savedViewIdSchema }) }, async ({ user, params }) => {
  await deleteView(user.id, params.id);
});
