import "server-only";
import { ZodError } from "zod";
import type { ApiErrorBody, ApiErrorCode } from "@/lib/schemas/api";
import type { Locale } from "@/lib/i18n/core";

export interface LocalizedText {
  en: string;
  "zh-CN": string;
}

const STATUS: Record<ApiErrorCode, number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  QUOTA_EXHAUSTED: 429,
  UPSTREAM: 400,
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
  unauthorized: () => new AppError("UNAUTHORIZED", { en: "Please sign in.", "zh-CN": "请先登录。" }),
  forbidden: () => new AppError("FORBIDDEN", { en: "Your role does not allow this.", "zh-CN": "您的角色无权执行此操作。" }),
  crossSite: () =>
    new AppError("FORBIDDEN", {
      en: "Cross-site request refused.",
      "zh-CN": "已拒绝跨站请求。",
    }),
  notFound: (what: LocalizedText = { en: "Not found.", "zh-CN": "未找到。" }) => new AppError("NOT_FOUND", what),
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
        en: `Invalid input: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`,
        "zh-CN": `输入无效：${issues.map((i) => i.path || "(root)").join("、")}`,
      },
      { issues },
    );
  } else {
    // Unknown failure: log the cause server-side (it may be long), hide it from the caller.
    console.error("[console] unhandled route error:", err instanceof Error ? err.message : String(err));
    e = new AppError("INTERNAL", {
      en: "Internal error. The operation was not completed.",
      "zh-CN": "内部错误，操作未完成。",
    });
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
