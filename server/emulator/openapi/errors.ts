/**
 * The Open API error table (the reference's appendix, verbatim messages; the older Open API guide lacks 9077).
 * Bodies use the same envelope as the Enterprise API:
 * `{"error_code": <int>, "error_message": "...", "detail_message": null}`.
 *
 * The reference gives no HTTP statuses (the only hint is `GET /errors`' example: 404 for a missing
 * record, 400 for a refused one), so the emulator chooses: 404 for "not found" codes, 403 for
 * permission codes, 429 for throttling, 500 for server-side failures, 400 for everything else.
 */
export const OPENAPI_ERRORS = {
  9001: [400, "GIZ_OPENAPI_MAC_ALREADY_REGISTERED", "mac already registered!"],
  9002: [400, "GIZ_OPENAPI_PRODUCT_KEY_INVALID", "product_key invalid"],
  9003: [400, "GIZ_OPENAPI_APPID_INVALID", "appid invalid"],
  9004: [400, "GIZ_OPENAPI_TOKEN_INVALID", "token invalid"],
  9005: [400, "GIZ_OPENAPI_USER_NOT_EXIST", "user not exist"],
  9006: [400, "GIZ_OPENAPI_TOKEN_EXPIRED", "token expired"],
  9007: [400, "GIZ_OPENAPI_M2M_ID_INVALID", "m2m_id invalid"],
  9008: [500, "GIZ_OPENAPI_SERVER_ERROR", "server error"],
  9009: [400, "GIZ_OPENAPI_CODE_EXPIRED", "code expired"],
  9010: [400, "GIZ_OPENAPI_CODE_INVALID", "code invalid"],
  9011: [429, "GIZ_OPENAPI_SANDBOX_SCALE_QUOTA_EXHAUSTED", "sandbox scale quota exhausted!"],
  9012: [429, "GIZ_OPENAPI_PRODUCTION_SCALE_QUOTA_EXHAUSTED", "production scale quota exhausted!"],
  9013: [400, "GIZ_OPENAPI_PRODUCT_HAS_NO_REQUEST_SCALE", "product has no request scale!"],
  9014: [404, "GIZ_OPENAPI_DEVICE_NOT_FOUND", "device not found!"],
  9015: [400, "GIZ_OPENAPI_FORM_INVALID", "form invalid!"],
  9016: [400, "GIZ_OPENAPI_DID_PASSCODE_INVALID", "did or passcode invalid!"],
  9017: [400, "GIZ_OPENAPI_DEVICE_NOT_BOUND", "device not bound!"],
  9018: [400, "GIZ_OPENAPI_PHONE_UNAVALIABLE", "phone unavailable!"],
  9019: [400, "GIZ_OPENAPI_USERNAME_UNAVALIABLE", "username unavailable!"],
  9020: [400, "GIZ_OPENAPI_USERNAME_PASSWORD_ERROR", "username or password error!"],
  9021: [400, "GIZ_OPENAPI_SEND_COMMAND_FAILED", "send command failed!"],
  9022: [400, "GIZ_OPENAPI_EMAIL_UNAVALIABLE", "email unavailable!"],
  9023: [400, "GIZ_OPENAPI_DEVICE_DISABLED", "device is disabled!"],
  9024: [500, "GIZ_OPENAPI_FAILED_NOTIFY_M2M", "fail to notify m2m!"],
  9025: [400, "GIZ_OPENAPI_ATTR_INVALID", "attr invalid!"],
  9026: [400, "GIZ_OPENAPI_USER_INVALID", "user invalid!"],
  9027: [404, "GIZ_OPENAPI_FIRMWARE_NOT_FOUND", "firmware not found!"],
  9028: [404, "GIZ_OPENAPI_JD_PRODUCT_NOT_FOUND", "JD product info not found!"],
  9029: [404, "GIZ_OPENAPI_DATAPOINT_DATA_NOT_FOUND", "datapoint data not found!"],
  9030: [404, "GIZ_OPENAPI_SCHEDULER_NOT_FOUND", "scheduler not found!"],
  9031: [400, "GIZ_OPENAPI_QQ_OAUTH_KEY_INVALID", "qq oauth key invalid!"],
  9032: [400, "GIZ_OPENAPI_OTA_SERVICE_OK_BUT_IN_IDLE", "ota upgrade service OK, but in idle or disable!"],
  9033: [400, "GIZ_OPENAPI_BT_FIRMWARE_UNVERIFIED", "bt firmware unverified,except verify device!"],
  9034: [400, "GIZ_OPENAPI_BT_FIRMWARE_NOTHING_TO_UPGRADE", "bt firmware is OK, but nothing to upgrade!"],
  9035: [500, "GIZ_OPENAPI_SAVE_KAIROSDB_ERROR", "Save kairosdb error!"],
  9036: [400, "GIZ_OPENAPI_EVENT_NOT_DEFINED", "event not defined!"],
  9037: [500, "GIZ_OPENAPI_SEND_SMS_FAILED", "send sms failed!"],
  9038: [400, "GIZ_OPENAPI_APPLICATION_AUTH_INVALID", "X-Gizwits-Application-Auth invalid!"],
  9039: [403, "GIZ_OPENAPI_NOT_ALLOWED_CALL_API", "Not allowed to call deprecated API!"],
  9040: [400, "GIZ_OPENAPI_BAD_QRCODE_CONTENT", "bad qrcode content!"],
  9041: [429, "GIZ_OPENAPI_REQUEST_THROTTLED", "request was throttled"],
  9042: [400, "GIZ_OPENAPI_DEVICE_OFFLINE", "device offline!"],
  9043: [400, "GIZ_OPENAPI_TIMESTAMP_INVALID", "X-Gizwits-Timestamp invalid!"],
  9044: [400, "GIZ_OPENAPI_SIGNATURE_INVALID", "X-Gizwits-Signature invalid!"],
  9045: [400, "GIZ_OPENAPI_DEPRECATED_API", "API deprecated!"],
  9046: [400, "GIZ_OPENAPI_REGISTER_IS_BUSY", "Register already in progress!"],
  9077: [400, "GIZ_OPENAPI", "email already exists but not activate!"],
  9080: [400, "GIZ_OPENAPI_CANNOT_SHARE_TO_SELF", "can not share device to self!"],
  9081: [403, "GIZ_OPENAPI_ONLY_OWNER_CAN_SHARE", "guest or normal user can not share device!"],
  9082: [404, "GIZ_OPENAPI_NOT_FOUND_GUEST", "guest user not found!"],
  9083: [400, "GIZ_OPENAPI_GUEST_ALREADY_BOUND", "guest user alread bound!"],
  9084: [404, "GIZ_OPENAPI_NOT_FOUND_SHARING_INFO", "sharing record not found!"],
  9085: [404, "GIZ_OPENAPI_NOT_FOUND_THE_MESSAGE", "message record not found!"],
  9087: [400, "GIZ_OPENAPI_SHARING_IS_WAITING_FOR_ACCEPT", "sharing alread created,waiting for the guest to accept!"],
  9088: [400, "GIZ_OPENAPI_SHARING_IS_EXPIRED", "sharing record expired!"],
  9089: [400, "GIZ_OPENAPI_SHARING_IS_COMPLETED", "sharing record status is not unaccept!"],
  9090: [400, "GIZ_OPENAPI_INVALID_SHARING_BECAUSE_UNBINDING", "owner binding disabled!"],
  9092: [400, "GIZ_OPENAPI_ONLY_OWNER_CAN_BIND", "owner exist, guest can not bind!"],
  9093: [403, "GIZ_OPENAPI_ONLY_OWNER_CAN_OPERATE", "permission denied, you are not owner!"],
  9094: [400, "GIZ_OPENAPI_SHARING_ALREADY_CANCELLED", "sharing already canceled!"],
  9095: [400, "GIZ_OPENAPI_OWNER_CANNOT_UNBIND_SELF", "can not unbind self!"],
  9096: [403, "GIZ_OPENAPI_ONLY_GUEST_CAN_CHECK_QRCODE", "permission denied, you are not guest!"],
  9098: [400, "GIZ_OPENAPI_MESSAGE_ALREADY_DELETED", "notify delele binding failed!"],
  9099: [500, "GIZ_OPENAPI_BINDING_NOTIFY_FAILED", "notify delele binding failed!"],
  9100: [403, "GIZ_OPENAPI_ONLY_SELF_CAN_MODIFY_ALIAS", "permission denied, you are not owner or guest!"],
  9101: [403, "GIZ_OPENAPI_ONLY_RECEIVER_CAN_MARK_MESSAGE", "permission denied, you are not the receiver!"],
  9999: [500, "GIZ_OPENAPI_RESERVED", "reserved"],
} as const satisfies Record<number, readonly [number, string, string]>;

/**
 * Codes `GET /errors` lists beyond the appendix: the seed's example shows scene errors 9220 and
 * 9221, which the emulator also raises for unknown / foreign scenes.
 */
export const EXTRA_ERRORS = {
  9220: [404, "GIZ_OPENAPI_SCENE_NOT_FOUND", "scene not found!"],
  9221: [400, "GIZ_OPENAPI_SCENE_NOT_YOURS", "the scene does not belong to you!"],
} as const satisfies Record<number, readonly [number, string, string]>;

export type AppErrorCode = keyof typeof OPENAPI_ERRORS | keyof typeof EXTRA_ERRORS;
const ALL: Record<AppErrorCode, readonly [number, string, string]> = { ...OPENAPI_ERRORS, ...EXTRA_ERRORS };

export function isAppErrorCode(n: number): n is AppErrorCode {
  return Object.hasOwn(ALL, n);
}

/** Thrown by /app handlers; the dispatcher turns it into the documented body and status. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    /** Emulator hint, sent in the X-Emulator-Detail header (the body's detail_message stays null). */
    readonly detail: string | null = null,
  ) {
    super(ALL[code][2]);
    this.status = ALL[code][0];
  }

  body(): { error_code: number; error_message: string; detail_message: string | null } {
    return { error_code: this.code, error_message: this.message, detail_message: null };
  }
}

/** `GET /errors`: every code with its status, like the seed's example items. */
export function errorList(): { status: number; error_message: string; error_code: number }[] {
  return Object.entries(ALL).map(([code, [status, , message]]) => ({ status, error_message: message, error_code: Number(code) }));
}
