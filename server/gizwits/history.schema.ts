import "server-only";
import { z } from "zod";
import { attrMapSchema } from "@/lib/schemas/datapoints";
import { nullableString, numberish, pageMetaSchema } from "./common.schema";

/**
 * Pages of /online, /cmd and /data. The 2018 doc pages with `skip` (meta.skip/next); the newer
 * revision with a `context` cursor that is returned until the window is exhausted.
 * Both land in one shape: `context` is null when there is nothing more to fetch that way.
 */
function historyPage<T extends z.ZodType>(item: T) {
  return z
    .object({
      meta: pageMetaSchema.extend({ context: nullableString.optional() }).optional(),
      objects: z.array(item),
      context: nullableString.optional(),
    })
    .transform((r) => ({
      objects: r.objects as z.output<T>[],
      total: r.meta?.total ?? null,
      limit: r.meta?.limit ?? null,
      skip: r.meta?.skip ?? null,
      next: r.meta?.next ?? null,
      context: r.context || r.meta?.context || null,
    }));
}

/** Online/offline records; `timestamp` is float seconds with a ms fraction. */
export const onlineRecordSchema = z.object({
  timestamp: numberish,
  type: z.string(),
  payload: z
    .object({
      keep_alive: numberish.optional(),
      duration: numberish.optional(),
      reason: z.string().optional(),
      heartbeat: z
        .object({
          count: numberish.optional(),
          max: numberish.optional(),
          min: numberish.optional(),
          avg: numberish.optional(),
          last: numberish.optional(),
        })
        .optional(),
    })
    .loose()
    .nullable()
    .optional()
    .transform((p) => p ?? {}),
});
export type OnlineRecord = z.output<typeof onlineRecordSchema>;

/** Raw communication log; `payload` is hex in every example (the text says base64). */
export const cmdRecordSchema = z.object({
  timestamp: numberish,
  type: z.string(),
  payload: z.string(),
});
export type CmdRecord = z.output<typeof cmdRecordSchema>;

/** Reported data points; `ts` in seconds. */
export const dataRecordSchema = z.object({
  ts: numberish,
  attrs: attrMapSchema,
});
export type HistoryDataRecord = z.output<typeof dataRecordSchema>;

export const onlinePageSchema = historyPage(onlineRecordSchema);
export const cmdPageSchema = historyPage(cmdRecordSchema);
export const dataPageSchema = historyPage(dataRecordSchema);
export type HistoryPage<T> = {
  objects: T[];
  total: number | null;
  limit: number | null;
  skip: number | null;
  next: string | null;
  context: string | null;
};

/**
 * GET /v1/products/{pk}/devices/{did}/agg_data. Real answers echo `query` without `did`; buckets
 * carry `datetime` as YYYYMMDDHH / YYYYMMDD / YYYYWW / YYYYMM.
 */
export const aggDataSchema = z.object({
  query: z.record(z.string(), z.unknown()).optional(),
  data: z.array(
    z.object({
      datetime: z.union([z.string(), z.number()]).transform(String),
      attrs: z.record(z.string(), z.union([numberish, z.null()])),
    }),
  ),
});
export type AggData = z.output<typeof aggDataSchema>;
