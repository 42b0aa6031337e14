import "server-only";
import type { ApiErrorCode } from "@/lib/schemas/api";
import { AppError, type LocalizedText } from "@/server/errors";
import { serverText } from "@/server/text";

/**
 * Every code of the Enterprise API error table (错误信息表: 5001–5409) mapped to what the
 * console answers. The console's status is chosen for the caller, not copied: problems with the
 * console's own credentials or configuration become 502 (the operator cannot fix them, an
 * administrator must), input problems 400, missing things 404, state conflicts 409.
 */
export interface UpstreamErrorSpec {
  /** HTTP status the upstream documents for this code. */
  upstreamStatus: number;
  code: ApiErrorCode;
  status: number;
  text: LocalizedText;
  /** A GET failing with this code may succeed when repeated. */
  transient?: boolean;
}

const cfg = (en: string, zh: string): Pick<UpstreamErrorSpec, "code" | "status" | "text"> => ({
  code: "UPSTREAM",
  status: 502,
  text: { en: `${en} An administrator must fix the console's Gizwits configuration.`, "zh-CN": `${zh}管理员需检查控制台的机智云配置。` },
});
const spec = (code: ApiErrorCode, status: number, en: string, zh: string): Pick<UpstreamErrorSpec, "code" | "status" | "text"> => ({
  code,
  status,
  text: { en, "zh-CN": zh },
});

export const UPSTREAM_ERRORS: Record<number, UpstreamErrorSpec> = {
  5001: { upstreamStatus: 400, ...spec("VALIDATION", 400, "Gizwits could not read the request body.", "机智云无法解析请求内容。") },
  5002: {
    upstreamStatus: 400,
    ...spec(
      "VALIDATION",
      400,
      "Gizwits rejected the parameters (for example a time window longer than 2 days).",
      "机智云拒绝了请求参数（例如时间范围超过 2 天）。",
    ),
  },
  5003: { upstreamStatus: 404, ...cfg("Gizwits does not know the enterprise ID.", "机智云不存在该企业 ID。") },
  5004: { upstreamStatus: 400, ...cfg("Gizwits rejected the enterprise secret.", "机智云拒绝了企业密钥。") },
  5005: { upstreamStatus: 400, ...cfg("Gizwits rejected the product secret.", "机智云拒绝了产品密钥。") },
  5006: { upstreamStatus: 400, ...spec("CONFLICT", 409, "The product still has device groups.", "该产品下仍有设备组。") },
  5007: { upstreamStatus: 404, ...cfg("The enterprise is not associated with this product.", "企业未与该产品关联。") },
  5008: {
    upstreamStatus: 400,
    ...spec("CONFLICT", 409, "The enterprise is already associated with this product.", "企业已与该产品关联。"),
  },
  5009: {
    upstreamStatus: 400,
    ...cfg("Gizwits rejected the access token even after renewing it.", "重新获取令牌后机智云仍拒绝访问令牌。"),
  },
  5010: { upstreamStatus: 400, ...cfg("The access token does not match the product.", "访问令牌与产品不匹配。") },
  5011: { upstreamStatus: 400, ...cfg("The access token expired and could not be renewed.", "访问令牌已过期且无法续期。") },
  5012: {
    upstreamStatus: 400,
    ...cfg("The console's IP address is not in the enterprise IP whitelist.", "控制台的 IP 地址不在企业 IP 白名单中。"),
  },
  5013: {
    upstreamStatus: 403,
    ...spec(
      "QUOTA_EXHAUSTED",
      429,
      "The hourly Gizwits API quota is used up. Try again after it resets.",
      "本小时的机智云 API 调用额度已用完，请在额度重置后重试。",
    ),
  },
  5014: {
    upstreamStatus: 400,
    ...spec(
      "NOT_FOUND",
      404,
      "This report has not been generated yet (reports are computed the next day).",
      "该报表尚未生成（报表在次日计算）。",
    ),
  },
  5015: { upstreamStatus: 404, ...spec("NOT_FOUND", 404, "Gizwits does not know this product key.", "机智云不存在该产品 Key。") },
  5016: { upstreamStatus: 404, ...spec("NOT_FOUND", 404, "The app ID does not exist.", "应用 ID 不存在。") },
  5017: { upstreamStatus: 404, ...spec("NOT_FOUND", 404, "The user (uid) does not exist.", "用户（uid）不存在。") },
  5018: {
    upstreamStatus: 403,
    ...spec("UPSTREAM", 403, "Gizwits does not allow this operation on the product.", "机智云不允许对该产品执行此操作。"),
  },
  5019: { upstreamStatus: 404, ...cfg("The organization does not exist.", "组织不存在。") },
  5020: { upstreamStatus: 400, ...spec("CONFLICT", 409, "A published product cannot be deleted.", "已发布的产品不能删除。") },
  5021: { upstreamStatus: 400, ...spec("CONFLICT", 409, "The enterprise already exists.", "企业已存在。") },
  5022: { upstreamStatus: 404, ...cfg("The enterprise does not exist.", "企业不存在。") },
  5023: {
    upstreamStatus: 403,
    ...spec(
      "UPSTREAM_UNAVAILABLE",
      503,
      "The enterprise is still being created at Gizwits. Try again later.",
      "机智云正在创建该企业，请稍后重试。",
    ),
    transient: true,
  },
  5024: { upstreamStatus: 403, ...cfg("Gizwits denies this API to the enterprise.", "机智云拒绝该企业访问此接口。") },
  5025: { upstreamStatus: 404, ...spec("NOT_FOUND", 404, "The product does not exist.", "产品不存在。") },
  5201: { upstreamStatus: 403, ...spec("NOT_FOUND", 404, "The device group does not belong to this product.", "该设备组不属于此产品。") },
  5202: { upstreamStatus: 404, ...spec("NOT_FOUND", 404, "The parent group does not exist.", "父设备组不存在。") },
  5203: {
    upstreamStatus: 400,
    ...spec("CONFLICT", 409, "The product already has a root group; create this group under it.", "该产品已有根设备组，请在其下创建。"),
  },
  5204: {
    upstreamStatus: 400,
    ...spec("CONFLICT", 409, "The group still has subgroups; delete them first.", "该设备组下仍有子组，请先删除子组。"),
  },
  5205: {
    upstreamStatus: 400,
    ...spec("CONFLICT", 409, "The group still contains devices; remove them first.", "该设备组下仍有设备，请先移出设备。"),
  },
  5206: { upstreamStatus: 404, ...spec("NOT_FOUND", 404, "The device group does not exist.", "设备组不存在。") },
  5207: { upstreamStatus: 400, ...spec("UPSTREAM", 400, "The product key is not in pre-assignment.", "该产品 Key 不在预分配中。") },
  5208: {
    upstreamStatus: 400,
    ...spec("CONFLICT", 409, "A device assignment is already in progress. Try again shortly.", "设备分配正在进行中，请稍后重试。"),
  },
  5301: { upstreamStatus: 404, ...spec("NOT_FOUND", 404, "The device does not exist.", "设备不存在。") },
  5302: { upstreamStatus: 403, ...spec("NOT_FOUND", 404, "The device does not belong to this product.", "该设备不属于此产品。") },
  5303: { upstreamStatus: 400, ...spec("CONFLICT", 409, "The device is not bound to this user.", "设备未与该用户绑定。") },
  5304: { upstreamStatus: 400, ...spec("CONFLICT", 409, "The device is disabled.", "设备已被注销。") },
  5305: { upstreamStatus: 400, ...spec("CONFLICT", 409, "The device is offline; the command was not sent.", "设备离线，指令未发送。") },
  5401: { upstreamStatus: 400, ...spec("VALIDATION", 400, "A data point value is invalid.", "数据点取值无效。") },
  5402: { upstreamStatus: 404, ...spec("NOT_FOUND", 404, "No data point data was found.", "未找到数据点数据。") },
  5403: {
    upstreamStatus: 400,
    ...spec(
      "UPSTREAM_UNAVAILABLE",
      502,
      "Gizwits could not deliver the command. Check the device before resending.",
      "机智云未能下发指令，请先检查设备状态再重发。",
    ),
  },
  5404: {
    upstreamStatus: 403,
    ...spec("UPSTREAM", 403, "Remote control is not allowed for this product or device.", "该产品或设备不允许远程控制。"),
  },
  5405: { upstreamStatus: 404, ...spec("VALIDATION", 400, "The data point does not exist.", "数据点不存在。") },
  5406: {
    upstreamStatus: 500,
    ...spec("UPSTREAM_UNAVAILABLE", 502, "The product's data points are malformed at Gizwits.", "机智云上该产品的数据点定义有误。"),
  },
  5407: { upstreamStatus: 500, ...spec("UPSTREAM_UNAVAILABLE", 502, "Gizwits failed to generate metadata.", "机智云生成元数据失败。") },
  5408: { upstreamStatus: 400, ...spec("VALIDATION", 400, "The raw command data is invalid.", "原始指令数据无效。") },
  5409: {
    upstreamStatus: 500,
    ...spec("UPSTREAM_UNAVAILABLE", 502, "An internal Gizwits service failed. Try again later.", "机智云内部服务调用失败，请稍后重试。"),
    transient: true,
  },
  5501: { upstreamStatus: 404, ...spec("NOT_FOUND", 404, "The firmware does not exist.", "固件不存在。") },
  5502: { upstreamStatus: 400, ...spec("CONFLICT", 409, "This firmware version already exists.", "该固件版本已存在。") },
  5503: { upstreamStatus: 403, ...spec("UPSTREAM", 403, "Gizwits does not allow this firmware operation.", "机智云不允许此固件操作。") },
  5601: {
    upstreamStatus: 500,
    ...spec(
      "UPSTREAM_UNAVAILABLE",
      502,
      "The Gizwits history database failed to answer. Try again later.",
      "机智云历史数据库查询失败，请稍后重试。",
    ),
    transient: true,
  },
  5701: { upstreamStatus: 403, ...spec("UPSTREAM", 403, "The enterprise may not reset passwords.", "该企业无权重置密码。") },
  5702: {
    upstreamStatus: 403,
    ...spec("UPSTREAM", 403, "The enterprise may not reset passwords for this app.", "该企业无权为此应用重置密码。"),
  },
  5703: { upstreamStatus: 400, ...spec("VALIDATION", 400, "An anonymous user's password cannot be reset.", "不能重置匿名用户的密码。") },
  5801: { upstreamStatus: 400, ...cfg("The products are not associated with the enterprise.", "这些产品未与企业关联。") },
  5901: { upstreamStatus: 400, ...cfg("Gizwits rejected the service secret key.", "机智云拒绝了服务密钥。") },
};

/** Codes after which a fresh token and one replay may succeed. */
export const TOKEN_RETRY_CODES: ReadonlySet<number> = new Set([5009, 5011]);
export const QUOTA_CODE = 5013;

/** The AppError for an upstream error answer. Unknown codes still get a clear message. */
export function upstreamError(upstreamCode: number | null, httpStatus: number): AppError {
  const s = upstreamCode !== null ? UPSTREAM_ERRORS[upstreamCode] : undefined;
  if (s) return new AppError(s.code, s.text, { status: s.status, upstreamCode: upstreamCode ?? undefined });
  if (httpStatus >= 500) return unavailable();
  const tag = upstreamCode !== null ? `error ${upstreamCode}` : `HTTP ${httpStatus}`;
  const err = new AppError("UPSTREAM", serverText("upstreamRefused", { tag }), { status: 502, upstreamCode: upstreamCode ?? undefined });
  if (upstreamCode === null && httpStatus === 404) unknownPaths.add(err);
  return err;
}

const unknownPaths = new WeakSet<AppError>();

/** The upstream answered 404 without an error code: it does not serve this path (issue 12). */
export function isUnknownPath(err: unknown): boolean {
  return err instanceof AppError && unknownPaths.has(err);
}

export function isTransient(upstreamCode: number | null, httpStatus: number): boolean {
  if (upstreamCode !== null && UPSTREAM_ERRORS[upstreamCode]) return UPSTREAM_ERRORS[upstreamCode].transient === true;
  return httpStatus >= 500;
}

export function quotaExhausted(retryAfterSec: number): AppError {
  const s = UPSTREAM_ERRORS[QUOTA_CODE];
  return new AppError(s.code, s.text, { status: s.status, retryAfter: Math.max(1, Math.ceil(retryAfterSec)) });
}

export function backgroundQuotaReserved(retryAfterSec: number): AppError {
  return new AppError("QUOTA_EXHAUSTED", serverText("backgroundQuotaReserved"), { retryAfter: Math.max(1, Math.ceil(retryAfterSec)) });
}

/** Gizwits did not answer in time or failed. For a write the outcome is unknown. */
export function unavailable(opts: { write?: boolean; timeout?: boolean; upstreamCode?: number } = {}): AppError {
  if (opts.write) {
    return new AppError("UPSTREAM_UNAVAILABLE", serverText("writeUnconfirmed"), {
      status: opts.timeout ? 504 : 502,
      upstreamCode: opts.upstreamCode,
    });
  }
  return new AppError("UPSTREAM_UNAVAILABLE", opts.timeout ? serverText("upstreamTimeout") : serverText("upstreamUnavailable"), {
    status: opts.timeout ? 504 : 502,
  });
}

export function unexpectedResponse(): AppError {
  return new AppError("UPSTREAM_UNAVAILABLE", serverText("upstreamUnexpected"), { status: 502 });
}

export function unknownProduct(productKey: string): AppError {
  return new AppError("NOT_FOUND", serverText("productNotConfigured", { pk: productKey }));
}
