import { z } from "zod";
import { AGG_AGGREGATORS, AGG_UNITS } from "../agg";
import { CMD_DIRECTIONS } from "../payload";
import { attrMapSchema, dataRecordSchema } from "./datapoints";
import { deviceRowSchema } from "./devices";

/**
 * DTOs of the device page's routes (app/api/products/[pk]/devices/[did]/**), shared by the route
 * handlers and the browser. Times are unix seconds unless a name says ms.
 */

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const unixSec = z.preprocess(emptyToUndefined, z.coerce.number().int().nonnegative());

/** The [did] segment of every device route: a did (or, for the detail route, a MAC). */
export const deviceIdSchema = z.string().min(1).max(64);

/** A device's MAC as the detail route accepts it instead of a did (12 hex digits, with or without separators, or virtual:site). */
export function macFromParam(value: string): string | null {
  // Route params arrive decoded once by Next.js: decoding again turned "%25zz" into a URIError (500).
  const v = value.trim();
  if (v === "virtual:site") return v;
  const hex = v.replace(/[:-]/g, "");
  return /^[0-9a-f]{12}$/i.test(hex) ? hex.toLowerCase() : null;
}

/** The device page's header: a search row plus what device_detail and the group lookup add. */
export const deviceInfoSchema = deviceRowSchema.extend({
  productKey: z.string(),
  /** device_detail `type`, e.g. "normal", "virtual". */
  type: z.string().nullable(),
  /** The device group holding the device's MAC, when one of the product's groups does. */
  group: z.object({ gid: z.string(), name: z.string().nullable() }).nullable(),
  /** found: `group` holds it; none: in no group; unknown: the group index could not be built. */
  groupLookup: z.enum(["found", "none", "unknown"]),
});
export type DeviceInfo = z.output<typeof deviceInfoSchema>;

/** The latest /data record: every datapoint's last reported value, or nothing in the last two days. */
/** Where live status came from: the Open API's devdata/latest (AppID only), or the Enterprise /data log. */
export const STATUS_SOURCES = ["openapi", "enterprise"] as const;
export type StatusSource = (typeof STATUS_SOURCES)[number];

export const latestStatusSchema = z.object({
  /** Unix seconds of the report shown ("as of"); null when the device reported nothing recently. */
  ts: z.number().nullable(),
  source: z.enum(STATUS_SOURCES),
  attrs: attrMapSchema,
  /** Unix ms when the server read it (read-back compares against the send time). */
  readAt: z.number(),
});
export type LatestStatus = z.output<typeof latestStatusSchema>;

export const latestQuerySchema = z.object({
  /** "1": skip the short cache, for the read-back after a command. */
  fresh: z.preprocess(emptyToUndefined, z.enum(["0", "1"]).optional()),
});

/** One ≤ 2-day window of the API's history logs. */
export const windowQuerySchema = z
  .object({ start: unixSec, end: unixSec })
  .refine((q) => q.end > q.start, { message: "end must be after start", path: ["end"] })
  .refine((q) => q.end - q.start <= 2 * 86_400, { message: "a window spans at most two days", path: ["end"] });

export const dataWindowSchema = z.object({
  start: z.number(),
  end: z.number(),
  records: z.array(dataRecordSchema),
  /** True when the window held more records than the route reads in one go. */
  truncated: z.boolean(),
});
export type DataWindow = z.output<typeof dataWindowSchema>;

export const onlineEventSchema = z.object({
  timestamp: z.number(),
  type: z.string(),
  payload: z
    .object({
      keep_alive: z.number().optional(),
      duration: z.number().optional(),
      reason: z.string().optional(),
      heartbeat: z
        .object({
          count: z.number().optional(),
          max: z.number().optional(),
          min: z.number().optional(),
          avg: z.number().optional(),
          last: z.number().optional(),
        })
        .optional(),
    })
    .nullable()
    .optional(),
});
export const onlineWindowSchema = z.object({
  start: z.number(),
  end: z.number(),
  events: z.array(onlineEventSchema),
  truncated: z.boolean(),
});
export type OnlineWindow = z.output<typeof onlineWindowSchema>;

/** A page of the communication log; the next page is reached by `context` or `skip`, whichever the API used. */
export const cmdQuerySchema = z
  .object({
    start: unixSec,
    end: unixSec,
    limit: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(50)),
    skip: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).optional()),
    context: z.preprocess(emptyToUndefined, z.string().max(4096).optional()),
    /** Only this direction; the API has no such filter, so the route reads on until it has matches. */
    type: z.preprocess(emptyToUndefined, z.enum(CMD_DIRECTIONS).optional()),
  })
  .refine((q) => q.end > q.start && q.end - q.start <= 2 * 86_400, { message: "a window spans at most two days", path: ["end"] })
  .refine((q) => q.skip === undefined || q.context === undefined, { message: "skip or context, not both", path: ["context"] });
export type CmdQuery = z.input<typeof cmdQuerySchema>;

export const cmdRecordSchema = z.object({ timestamp: z.number(), type: z.string(), payload: z.string() });
export type CmdRecordDto = z.output<typeof cmdRecordSchema>;
export const cmdPageSchema = z.object({
  records: z.array(cmdRecordSchema),
  total: z.number().nullable(),
  next: z.union([z.object({ context: z.string() }), z.object({ skip: z.number() })]).nullable(),
  /**
   * The `context` cursor asked with had expired (Gizwits keeps one for an hour): this is the
   * window's first page again, and the browser restarts its paging there.
   */
  cursorExpired: z.boolean().optional(),
});
export type CmdPage = z.output<typeof cmdPageSchema>;

export const aggRouteQuerySchema = z.object({
  start: z.coerce.number().int().nonnegative(),
  end: z.coerce.number().int().positive(),
  attrs: z
    .union([z.array(z.string()), z.string()])
    .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter((s) => s !== ""))
    .pipe(z.array(z.string().max(64)).min(1).max(20)),
  aggregator: z.enum(AGG_AGGREGATORS),
  unit: z.enum(AGG_UNITS),
});

/** agg_data answer, or `enabled: false` when Gizwits has not switched aggregation on for the product. */
export const aggResultSchema = z.discriminatedUnion("enabled", [
  z.object({ enabled: z.literal(false), upstreamCode: z.number().nullable() }),
  z.object({
    enabled: z.literal(true),
    buckets: z.array(z.object({ datetime: z.string(), attrs: z.record(z.string(), z.number().nullable()) })),
  }),
]);
export type AggResult = z.output<typeof aggResultSchema>;

export const boundUserSchema = z.object({
  uid: z.string(),
  username: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  isAnonymous: z.boolean(),
  isOwner: z.boolean(),
  createdAt: z.number().nullable(),
  /** The console's own Open API app user (server/openapi/service-user.ts), not a customer. */
  consoleServiceUser: z.boolean(),
});
export const boundUsersSchema = z.object({ users: z.array(boundUserSchema), total: z.number() });
export type BoundUsers = z.output<typeof boundUsersSchema>;

export const controlResultSchema = z.object({
  /** Unix ms when Gizwits accepted the command. */
  sentAt: z.number(),
});
export type ControlResult = z.output<typeof controlResultSchema>;

/** One command from the audit log, as the device page lists it. */
export const commandEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  username: z.string(),
  operator: z.string().nullable(),
  status: z.string(),
  upstreamCode: z.number().nullable(),
  message: z.string().nullable(),
  command: z.unknown(),
});
export const commandHistorySchema = z.object({ items: z.array(commandEntrySchema), total: z.number() });
export type CommandHistory = z.output<typeof commandHistorySchema>;
