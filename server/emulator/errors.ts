/**
 * The Enterprise API error table (the same in the 2018 and current revisions of the reference;
 * verbatim messages and HTTP statuses).
 * Error bodies follow the real Gizwits backend (Django REST framework family):
 * `{"error_code": <int>, "error_message": "...", "detail_message": null}` — clients detect
 * failures by the presence of `error_code`.
 */
export const ERROR_TABLE = {
  5001: [400, "body json invalid"],
  5002: [400, "form invalid"],
  5003: [404, "enterprise id not exist"],
  5004: [400, "enterprise secret error"],
  5005: [400, "product secret error"],
  5006: [400, "product exist devicegroups"],
  5007: [404, "association not exist"],
  5008: [400, "association existed"],
  5009: [400, "token invalid"],
  5010: [400, "token not match product_key"],
  5011: [400, "token has expired"],
  5012: [400, "ip not in white list"],
  5013: [403, "API call rate limit execeed quota"],
  5014: [400, "Report has not been generated!"],
  5015: [404, "Product key not exist!"],
  5016: [404, "Appid not exist!"],
  5017: [404, "Uid not exist!"],
  5018: [403, "product operation not allowed"],
  5019: [404, "organization does not exist"],
  5020: [400, "can not delete published product!"],
  5021: [400, "enterprise is exist"],
  5022: [404, "enterprise does not exist"],
  5023: [403, "enterprise is creating"],
  5024: [403, "api deny to visit!"],
  5025: [404, "product does not exist"],
  5201: [403, "device group not belong to this product"],
  5202: [404, "parent group not exist"],
  5203: [400, "already has one root group"],
  5204: [400, "group has subgroup"],
  5205: [400, "group has device item"],
  5206: [404, "group not exist"],
  5207: [400, "product key not in pre assignment!"],
  5208: [400, "create assign device in progress!"],
  5301: [404, "device not exist"],
  5302: [403, "device not belong to this product"],
  5303: [400, "device not bound"],
  5304: [400, "device is disabled"],
  5305: [400, "device offline!"],
  5401: [400, "attr invalid!"],
  5402: [404, "datapoint data not found!"],
  5403: [400, "send command failed!"],
  5404: [403, "remote control not allowed!"],
  5405: [404, "attrs not exist!"],
  5406: [500, "Datapoints malformed"],
  5407: [500, "generate meta failed"],
  5408: [400, "raw data error!"],
  5409: [500, "call innerapi failed!"],
  5501: [404, "firmware does not exist"],
  5502: [400, "firmware version has created"],
  5503: [403, "firmware operation not allowed"],
  5601: [500, "kairosdb query error!"],
  5701: [403, "This eid has no permission to reset pwd."],
  5702: [403, "This eid has no permission to reset pwd for this appid."],
  5703: [400, "Cannot reset pwd for anonymous user"],
  5801: [400, "the pks has not associate with enterprise!"],
  5901: [400, "x-service secret key invalid!"],
} as const satisfies Record<number, readonly [number, string]>;

export type ErrorCode = keyof typeof ERROR_TABLE;

export function isErrorCode(n: number): n is ErrorCode {
  return Object.hasOwn(ERROR_TABLE, n);
}

/** Thrown by handlers; the server turns it into the documented body and status. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /**
     * Emulator-specific hint about what was wrong. Real responses carry `detail_message: null`,
     * so the hint travels in the X-Emulator-Detail header instead of the body.
     */
    readonly detail: string | null = null,
  ) {
    super(ERROR_TABLE[code][1]);
    this.status = ERROR_TABLE[code][0];
  }

  body(): { error_code: number; error_message: string; detail_message: string | null } {
    return { error_code: this.code, error_message: this.message, detail_message: null };
  }
}
