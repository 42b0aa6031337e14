import { auditQuerySchema } from "@/lib/schemas/audit";
import { listAudit } from "@/server/audit";
import { defineRoute } from "@/server/http/route";

export const GET = defineRoute({ permission: "admin", query: auditQuerySchema }, ({ query }) => listAudit(query));
