import { checks, guarded } from "@/lib/schemas/guards";
import { CSV_BOM, csvField } from "@/lib/csv";
import { translator } from "@/lib/i18n/core";
import { auditCsv } from "@/lib/i18n/messages/audit-csv";
import { auditFilterSchema, type AuditRecord } from "@/lib/schemas/audit";
import { iterateAudit } from "@/server/audit";
import { defineRoute } from "@/server/http/route";

const COLUMNS = [
  "id",
  "at",
  "user",
  "role",
  "action",
  "product",
  "target",
  "status",
  "errorCode",
  "upstreamCode",
  "message",
  "durationMs",
  "payload",
] as const;

function cells(r: AuditRecord): (string | number | null)[] {
  return [
    r.id,
    r.at,
    r.username,
    r.role,
    r.action,
    r.productKey,
    r.target,
    r.status,
    r.errorCode,
    r.upstreamCode,
    r.message,
    r.durationMs,
    r.payload === null ? null : JSON.stringify(r.payload),
  ];
}

const line = (values: readonly (string | number | null)[]) => `${values.map(csvField).join(",")}\r\n`;

/** The filtered audit log as CSV (UTF-8 with BOM so Excel shows Chinese text), streamed in batches. */
export const GET = defineRoute(
  { permission: "admin", query: guarded(auditFilterSchema, { from: checks.date, to: checks.date }) },
  ({ query, locale }) => {
    const t = translator(auditCsv, locale);
    const rows = iterateAudit(query);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(CSV_BOM + line(COLUMNS.map((c) => t(c)))));
      },
      async pull(controller) {
        let chunk = "";
        for (let i = 0; i < 200; i++) {
          const next = await rows.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += line(cells(next.value));
        }
        controller.enqueue(encoder.encode(chunk));
      },
      async cancel() {
        await rows.return(undefined);
      },
    });
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "");
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-${stamp}.csv"`,
      },
    });
  },
);
