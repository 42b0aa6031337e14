import { z } from "zod";
import { savedViewCreateSchema, savedViewPageSchema } from "@/lib/schemas/devices";
import { defineRoute } from "@/server/http/route";
import { listViews, saveView } from "@/server/console/saved-views";

// GET /api/saved-views?page=devices → the caller's own views of that page
export const GET = defineRoute({ permission: "read", query: z.object({ page: savedViewPageSchema }) }, async ({ user, query }) => ({
  views: await listViews(user.id, query.page),
}));

// POST /api/saved-views { page, name, query }
export const POST = defineRoute({ permission: "read", body: savedViewCreateSchema }, async ({ user, body }) => saveView(user.id, body));
