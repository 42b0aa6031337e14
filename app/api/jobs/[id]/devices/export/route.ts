import { z } from "zod";
import { CSV_BOM, csvField } from "@/lib/csv";
import { jobDeviceStateSchema, type JobDevice } from "@/lib/schemas/jobs";
import { jobParams } from "@/server/console/jobs/params";
import { iterateJobDevices, jobNotFound, jobRow } from "@/server/console/jobs/store";
import { defineRoute } from "@/server/http/route";

const HEADERS = {
  en: ["did", "mac", "state", "batch", "sent at", "confirmed at", "error"],
  "zh-CN": ["设备 ID", "MAC", "状态", "批次", "下发时间", "确认时间", "错误"],
} as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const line = (values: readonly (string | number | null)[]) => `${values.map(csvField).join(",")}\r\n`;
const cells = (d: JobDevice) => [d.did, d.mac, d.state, d.batch, iso(d.sentAt), iso(d.confirmedAt), d.error];

const querySchema = z.object({ state: z.preprocess((v) => (v === "" ? undefined : v), jobDeviceStateSchema.optional()) });

// GET /api/jobs/[id]/devices/export?state= — the job's per-device results as CSV (UTF-8 with BOM), streamed.
export const GET = defineRoute({ permission: "read", params: jobParams, query: querySchema }, async ({ params, query, locale }) => {
  if (!(await jobRow(params.id))) throw jobNotFound(params.id);
  const rows = iterateJobDevices(params.id, query.state, locale);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + line(HEADERS[locale])));
    },
    async pull(controller) {
      let chunk = "";
      for (let i = 0; i < 500; i++) {
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
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="job-${params.id.slice(0, 8)}-devices.csv"`,
    },
  });
});
