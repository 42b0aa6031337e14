import "server-only";
import { ZodError } from "zod";
import type { ApiErrorBody, ApiErrorCode } from "@/lib/schemas/api";
import type { Locale, LocalizedText } from "@/lib/i18n/core";
import { serverText } from "@/server/text";

/** Every AppError carries its message in both languages. */
export type { LocalizedText };

const STATUS: Record<ApiErrorCode, number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  QUOTA_EXHAUSTED: 429,
  UPSTREAM: 400,
  NOT_ENABLED: 403,
  UPSTREAM_UNAVAILABLE: 502,
  INTERNAL: 500,
};

/**
 * The one error type route handlers let escape. It carries its message in both languages so the
 * transport edge (toErrorResponse) can answer in the caller's language. Never put secrets,
 * tokens or upstream URLs with credentials in `message`.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    readonly text: LocalizedText,
    opts: {
      status?: number;
      upstreamCode?: number;
      retryAfter?: number;
      issues?: { path: string; message: string }[];
      cause?: unknown;
    } = {},
  ) {
    super(text.en, { cause: opts.cause });
    this.name = "AppError";
    this.status = opts.status ?? STATUS[code];
    this.upstreamCode = opts.upstreamCode;
    this.retryAfter = opts.retryAfter;
    this.issues = opts.issues;
  }
  readonly upstreamCode?: number;
  readonly retryAfter?: number;
  readonly issues?: { path: string; message: string }[];
}

export const errors = {
  unauthorized: () => new AppError("UNAUTHORIZED", serverText("unauthorized")),
  forbidden: () => new AppError("FORBIDDEN", serverText("forbidden")),
  crossSite: () => new AppError("FORBIDDEN", serverText("crossSite")),
  notFound: (what: LocalizedText = serverText("notFound")) => new AppError("NOT_FOUND", what),
  validation: (text: LocalizedText, issues?: { path: string; message: string }[]) => new AppError("VALIDATION", text, { issues }),
  conflict: (text: LocalizedText) => new AppError("CONFLICT", text),
};

function zodIssues(e: ZodError): { path: string; message: string }[] {
  return e.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

/** Maps anything thrown in a route handler to the console's error envelope. The only mapper. */
export function toErrorResponse(err: unknown, locale: Locale): Response {
  let e: AppError;
  if (err instanceof AppError) e = err;
  else if (err instanceof ZodError) {
    const issues = zodIssues(err);
    e = new AppError(
      "VALIDATION",
      {
        // zod's messages are English: the Chinese text names the fields only.
        en: serverText("invalidInput", { issues: issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ") }).en,
        "zh-CN": serverText("invalidInput", { issues: issues.map((i) => i.path || "(root)").join("、") })["zh-CN"],
      },
      { issues },
    );
  } else {
    // Unknown failure: log the cause server-side (it may be long), hide it from the caller.
    console.error("[console] unhandled route error:", err instanceof Error ? err.message : String(err));
    e = new AppError("INTERNAL", serverText("internal"));
  }
  const body: ApiErrorBody = {
    error: {
      code: e.code,
      message: e.text[locale],
      ...(e.upstreamCode !== undefined ? { upstreamCode: e.upstreamCode } : {}),
      ...(e.issues ? { issues: e.issues } : {}),
    },
  };
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" });
  if (e.retryAfter !== undefined) headers.set("Retry-After", String(Math.max(1, Math.ceil(e.retryAfter))));
  return new Response(JSON.stringify(body), { status: e.status, headers });
}

/**
 * The app-level Open API's error table (seed 004 appendix, 9xxx) mapped into the same taxonomy as
 * the Enterprise API's 5xxx table (server/gizwits/errors.ts). Seed 004 lists no HTTP status for
 * these codes, so the console's status is chosen for the caller: problems with the console's own
 * configuration (AppID, product secret, clock) are 502 for an administrator, input problems 400,
 * missing things 404, state conflicts 409.
 */
export interface OpenApiErrorSpec {
  code: ApiErrorCode;
  status: number;
  text: LocalizedText;
  /** A GET failing with this code may succeed when repeated. */
  transient?: boolean;
}

const oaCfg = (en: string, zh: string): OpenApiErrorSpec => ({
  code: "UPSTREAM",
  status: 502,
  text: {
    en: `${en} An administrator must fix the console's Gizwits Open API configuration.`,
    "zh-CN": `${zh}管理员需检查控制台的机智云 Open API 配置。`,
  },
});
const oa = (code: ApiErrorCode, status: number, en: string, zh: string, transient?: true): OpenApiErrorSpec => ({
  code,
  status,
  text: { en, "zh-CN": zh },
  ...(transient ? { transient } : {}),
});

export const OPENAPI_ERRORS: Record<number, OpenApiErrorSpec> = {
  9001: oa("CONFLICT", 409, "This MAC address is already registered.", "该 MAC 地址已注册。"),
  9002: oaCfg("Gizwits rejected the product key for this app ID.", "机智云拒绝了该应用 ID 下的产品 Key。"),
  9003: oaCfg("Gizwits does not know the app ID.", "机智云不存在该应用 ID。"),
  9004: oa("UPSTREAM", 502, "Gizwits rejected the app user's token even after logging in again.", "重新登录后机智云仍拒绝应用用户令牌。"),
  9005: oa("NOT_FOUND", 404, "The app user does not exist.", "应用用户不存在。"),
  9006: oa("UPSTREAM", 502, "The app user's token expired and logging in again did not help.", "应用用户令牌已过期，重新登录未能解决。"),
  9007: oa(
    "UPSTREAM_UNAVAILABLE",
    502,
    "Gizwits could not reach the device's connection service (m2m).",
    "机智云无法访问设备连接服务（m2m）。",
  ),
  9008: oa("UPSTREAM_UNAVAILABLE", 502, "Gizwits reported an internal error. Try again later.", "机智云内部错误，请稍后重试。", true),
  9009: oa("VALIDATION", 400, "The verification code has expired.", "验证码已过期。"),
  9010: oa("VALIDATION", 400, "The verification code is wrong.", "验证码错误。"),
  9011: oa("UPSTREAM", 403, "The product's sandbox device quota at Gizwits is used up.", "该产品在机智云的测试设备配额已用完。"),
  9012: oa("UPSTREAM", 403, "The product's production device quota at Gizwits is used up.", "该产品在机智云的量产设备配额已用完。"),
  9013: oa("UPSTREAM", 403, "The product has no device quota at Gizwits.", "该产品在机智云没有设备配额。"),
  9014: oa("NOT_FOUND", 404, "The device does not exist.", "设备不存在。"),
  9015: oa("VALIDATION", 400, "Gizwits rejected the request's fields.", "机智云拒绝了请求字段。"),
  9016: oa("VALIDATION", 400, "The device ID or passcode is wrong.", "设备 ID 或 passcode 错误。"),
  9017: oa("CONFLICT", 409, "The device is not bound to this app user.", "设备未与该应用用户绑定。"),
  9018: oa("CONFLICT", 409, "This phone number is already used.", "该手机号已被使用。"),
  9019: oa("CONFLICT", 409, "This user name is already taken.", "该用户名已被占用。"),
  9020: oa("UPSTREAM", 502, "Gizwits rejected the app user's name or password.", "机智云拒绝了应用用户的用户名或密码。"),
  9021: oa(
    "UPSTREAM_UNAVAILABLE",
    502,
    "Gizwits could not deliver the command. Check the device before resending.",
    "机智云未能下发指令，请先检查设备状态再重发。",
  ),
  9022: oa("CONFLICT", 409, "This email address is already used.", "该邮箱已被使用。"),
  9023: oa("CONFLICT", 409, "The device is disabled.", "设备已被注销。"),
  9024: oa(
    "UPSTREAM_UNAVAILABLE",
    502,
    "Gizwits could not notify the device's connection service. Check the device before resending.",
    "机智云未能通知设备连接服务，请先检查设备状态再重发。",
  ),
  9025: oa("VALIDATION", 400, "A data point name or value is invalid.", "数据点名称或取值无效。"),
  9026: oa("VALIDATION", 400, "The app user is invalid.", "应用用户无效。"),
  9027: oa("NOT_FOUND", 404, "The firmware does not exist.", "固件不存在。"),
  9028: oa("NOT_FOUND", 404, "The JD product information does not exist.", "京东产品信息不存在。"),
  9029: oa("NOT_FOUND", 404, "No data point data was found.", "未找到数据点数据。"),
  9030: oa("NOT_FOUND", 404, "The schedule does not exist.", "定时任务不存在。"),
  9031: oaCfg("Gizwits rejected the QQ OAuth key.", "机智云拒绝了 QQ OAuth 密钥。"),
  9032: oa("CONFLICT", 409, "The OTA service is idle or disabled.", "OTA 升级服务空闲或未启用。"),
  9033: oa("CONFLICT", 409, "The Bluetooth firmware is unverified.", "蓝牙固件未验证。"),
  9034: oa("CONFLICT", 409, "The Bluetooth firmware is up to date; nothing to upgrade.", "蓝牙固件已是最新，无需升级。"),
  9035: oa("UPSTREAM_UNAVAILABLE", 502, "The Gizwits data store failed. Try again later.", "机智云数据存储失败，请稍后重试。", true),
  9036: oa("VALIDATION", 400, "The event is not defined.", "事件未定义。"),
  9037: oa("UPSTREAM_UNAVAILABLE", 502, "Gizwits could not send the SMS.", "机智云短信发送失败。"),
  9038: oaCfg(
    "Gizwits rejected the application auth (X-Gizwits-Application-Auth).",
    "机智云拒绝了应用认证（X-Gizwits-Application-Auth）。",
  ),
  9039: oaCfg("Gizwits no longer allows this deprecated API.", "机智云不再允许调用该已弃用接口。"),
  9040: oa("VALIDATION", 400, "The QR code content is invalid.", "二维码内容无效。"),
  9041: oa(
    "QUOTA_EXHAUSTED",
    429,
    "Gizwits is throttling the console's Open API calls. Try again shortly.",
    "机智云正在限制控制台的 Open API 调用频率，请稍后重试。",
  ),
  9042: oa("CONFLICT", 409, "The device is offline; the command was not sent.", "设备离线，指令未发送。"),
  9043: oaCfg(
    "Gizwits rejected the request timestamp (is the console's clock right?).",
    "机智云拒绝了请求时间戳（请检查控制台服务器时钟）。",
  ),
  9044: oaCfg("Gizwits rejected the binding signature (check the product secret).", "机智云拒绝了绑定签名（请检查产品密钥）。"),
  9045: oaCfg("This Gizwits API is deprecated.", "该机智云接口已弃用。"),
  9046: oa(
    "CONFLICT",
    409,
    "A registration for this user is already in progress. Try again shortly.",
    "该用户的注册正在进行中，请稍后重试。",
  ),
  9077: oa("CONFLICT", 409, "The email address is registered but not activated.", "该邮箱已注册但未激活。"),
  9080: oa("VALIDATION", 400, "A device cannot be shared with its own owner.", "不能将设备分享给自己。"),
  9081: oa("UPSTREAM", 403, "Only the device's owner can share it.", "只有设备主人可以分享设备。"),
  9082: oa("NOT_FOUND", 404, "The guest user does not exist.", "访客用户不存在。"),
  9083: oa("CONFLICT", 409, "The guest user is already bound to the device.", "访客用户已绑定该设备。"),
  9084: oa("NOT_FOUND", 404, "The sharing record does not exist.", "分享记录不存在。"),
  9085: oa("NOT_FOUND", 404, "The message does not exist.", "消息不存在。"),
  9087: oa("CONFLICT", 409, "A sharing invitation is already waiting for the guest to accept it.", "分享邀请已创建，正在等待访客接受。"),
  9088: oa("CONFLICT", 409, "The sharing invitation has expired.", "分享邀请已过期。"),
  9089: oa("CONFLICT", 409, "The sharing invitation is no longer open.", "分享邀请已不是待接受状态。"),
  9090: oa("CONFLICT", 409, "The owner's binding is disabled, so the sharing is invalid.", "主人的绑定已失效，分享无效。"),
  9092: oa(
    "CONFLICT",
    409,
    "The device has an owner; other users cannot bind it. The console never unbinds a customer to make room.",
    "设备已有主人，其他用户无法绑定。控制台不会为此解绑客户。",
  ),
  9093: oa("UPSTREAM", 403, "Only the device's owner may do this.", "只有设备主人可以执行此操作。"),
  9094: oa("CONFLICT", 409, "The sharing was already cancelled.", "分享已被取消。"),
  9095: oa("VALIDATION", 400, "An owner cannot unbind themselves as a guest.", "主人不能解绑自己。"),
  9096: oa("UPSTREAM", 403, "Only a guest may do this.", "只有访客可以执行此操作。"),
  9098: oa("UPSTREAM_UNAVAILABLE", 502, "Gizwits could not notify the binding change.", "机智云未能通知绑定变更。"),
  9099: oa("UPSTREAM_UNAVAILABLE", 502, "Gizwits could not notify the binding change.", "机智云未能通知绑定变更。"),
  9100: oa("UPSTREAM", 403, "Only the device's owner or a guest may change its alias.", "只有设备主人或访客可以修改别名。"),
  9101: oa("UPSTREAM", 403, "Only the message's receiver may mark it.", "只有消息接收者可以标记该消息。"),
  9220: oa("NOT_FOUND", 404, "The scene does not exist.", "场景不存在。"),
  9221: oa("UPSTREAM", 403, "The scene belongs to another user.", "该场景属于其他用户。"),
  9999: oa("UPSTREAM", 502, "Gizwits answered with a reserved error code.", "机智云返回了保留错误码。"),
};

/** Open API codes after which the app user's token is stale: log in again and replay once. */
export const OPENAPI_TOKEN_RETRY_CODES: ReadonlySet<number> = new Set([9004, 9006]);

/** The AppError for an Open API error answer; unknown codes still get a clear message. */
export function openApiError(upstreamCode: number | null, httpStatus: number): AppError {
  const s = upstreamCode !== null ? OPENAPI_ERRORS[upstreamCode] : undefined;
  if (s) {
    return new AppError(s.code, s.text, {
      status: s.status,
      upstreamCode: upstreamCode ?? undefined,
      ...(s.code === "QUOTA_EXHAUSTED" ? { retryAfter: 60 } : {}),
    });
  }
  if (httpStatus >= 500) {
    return new AppError("UPSTREAM_UNAVAILABLE", serverText("openApiUnavailable"), { status: 502, upstreamCode: upstreamCode ?? undefined });
  }
  const tag = upstreamCode !== null ? `error ${upstreamCode}` : `HTTP ${httpStatus}`;
  return new AppError("UPSTREAM", serverText("openApiRefused", { tag }), { status: 502, upstreamCode: upstreamCode ?? undefined });
}

export function isOpenApiTransient(upstreamCode: number | null, httpStatus: number): boolean {
  if (upstreamCode !== null && OPENAPI_ERRORS[upstreamCode]) return OPENAPI_ERRORS[upstreamCode].transient === true;
  return httpStatus >= 500;
}
