import { z } from "zod";
import { pageFields, pagingQuery } from "./paging";

import { AUDIT_STATUSES } from "../plain/audit";

export { AUDIT_STATUSES, type AuditStatus } from "../plain/audit";
export const auditStatusSchema = z.enum(AUDIT_STATUSES);

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const optionalText = z.preprocess(emptyToUndefined, z.string().trim().max(200).optional());
const optionalDate = z.preprocess(emptyToUndefined, z.coerce.date().optional());

/** Filters of GET /api/audit and /api/audit/export (URL search params). */
export const auditFilterSchema = z
  .object({
    user: optionalText,
    /** Matches the action or any action starting with it ("device." finds every device write). */
    action: optionalText,
    product: optionalText,
    status: z.preprocess(emptyToUndefined, auditStatusSchema.optional()),
    from: optionalDate,
    to: optionalDate,
    /** Free text over user, action, target, product, message and payload. */
    q: optionalText,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "from must not be after to", path: ["from"] });
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditQuerySchema = auditFilterSchema.and(pagingQuery({ max: 200, fallback: 50 }));
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditRecordSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string(),
  role: z.string(),
  action: z.string(),
  productKey: z.string().nullable(),
  target: z.string().nullable(),
  payload: z.unknown(),
  status: auditStatusSchema,
  errorCode: z.string().nullable(),
  upstreamCode: z.number().int().nullable(),
  message: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

export const auditPageSchema = z.object({
  items: z.array(auditRecordSchema),
  ...pageFields,
});
export type AuditPage = z.infer<typeof auditPageSchema>;
