import { checks, guarded } from "@/lib/schemas/guards";
import { auditQuerySchema } from "@/lib/schemas/audit";
import { listAudit } from "@/server/audit";
import { defineRoute } from "@/server/http/route";

export const GET = defineRoute(
  { permission: "admin", query: guarded(auditQuerySchema, { from: checks.date, to: checks.date }) },
  ({ query }) => listAudit(query),
);
