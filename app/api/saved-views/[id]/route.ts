import { z } from "zod";
import { defineRoute } from "@/server/http/route";
import { deleteView } from "@/server/console/saved-views";

// DELETE /api/saved-views/{id}
export const DELETE = defineRoute({ permission: "read", params: z.object({ id: z.string().uuid() }) }, async ({ user, params }) => {
  await deleteView(user.id, params.id);
});
