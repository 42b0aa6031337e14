import { defineMessages } from "../core";

/** Column headers of the audit CSV export (GET /api/audit/export). */
export const auditCsv = defineMessages({
  en: {
    id: "ID",
    at: "Time (UTC)",
    user: "User",
    role: "Role",
    action: "Action",
    product: "Product",
    target: "Target",
    status: "Result",
    errorCode: "Error code",
    upstreamCode: "Upstream code",
    message: "Message",
    durationMs: "Duration (ms)",
    payload: "Payload",
  },
  "zh-CN": {
    id: "编号",
    at: "时间 (UTC)",
    user: "用户",
    role: "角色",
    action: "操作",
    product: "产品",
    target: "对象",
    status: "结果",
    errorCode: "错误码",
    upstreamCode: "上游错误码",
    message: "说明",
    durationMs: "耗时 (毫秒)",
    payload: "请求内容",
  },
});
