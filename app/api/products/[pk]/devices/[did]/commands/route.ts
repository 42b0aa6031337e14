import { defineRoute } from "@/server/http/route";
import { deviceParams } from "@/server/http/params";
import type { CommandHistory } from "@/lib/schemas/device-detail";
import { pagingQuery } from "@/lib/schemas/paging";
import { listAudit } from "@/server/audit";

function operatorOf(payload: unknown): string | null {
  if (payload && typeof payload === "object" && "operator" in payload && typeof payload.operator === "string") return payload.operator;
  return null;
}
function commandOf(payload: unknown): unknown {
  return payload && typeof payload === "object" && "command" in payload ? payload.command : payload;
}

// GET ?page=&page_size=: the commands sent to this device from the console, from the audit log, newest first.
export const GET = defineRoute(
  { permission: "read", params: deviceParams, query: pagingQuery({ max: 100, fallback: 20 }) },
  async ({ params, query }): Promise<CommandHistory> => {
    const page = await listAudit({
      action: "device.control",
      product: params.pk,
      q: params.did,
      page: query.page,
      page_size: query.page_size,
    });
    const items = page.items
      .filter((r) => r.target === params.did)
      .map((r) => ({
        id: r.id,
        at: r.at,
        username: r.username,
        operator: operatorOf(r.payload),
        status: r.status,
        upstreamCode: r.upstreamCode,
        message: r.message,
        command: commandOf(r.payload),
      }));
    return { items, total: page.total };
  },
);
