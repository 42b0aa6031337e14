import { describe, expect, it } from "vitest";
import { hasFilters, parseAuditUrl, toAuditParams } from "./search-params";

describe("audit URL state", () => {
  it("reads every filter and paging", () => {
    const s = parseAuditUrl(
      new URLSearchParams(
        "user=ops&action=device.control&product=pk1&status=denied&from=2026-05-01&to=2026-05-14&q=mac&page=3&page_size=100",
      ),
    );
    expect(s).toEqual({
      user: "ops",
      action: "device.control",
      product: "pk1",
      status: "denied",
      from: "2026-05-01",
      to: "2026-05-14",
      q: "mac",
      page: 3,
      pageSize: 100,
    });
    expect(hasFilters(s)).toBe(true);
  });
  it("drops malformed values instead of failing", () => {
    const s = parseAuditUrl(new URLSearchParams("status=bogus&from=yesterday&page=-4&page_size=7&q=%20%20"));
    expect(s.status).toBe("");
    expect(s.from).toBe("");
    expect(s.page).toBe(1);
    expect(s.pageSize).toBe(50);
    expect(s.q).toBe("");
    expect(hasFilters(s)).toBe(false);
  });
  it("sends whole days in the console's zone as instants, and omits empty filters", () => {
    const p = toAuditParams(parseAuditUrl(new URLSearchParams("from=2026-05-14&to=2026-05-14&status=ok")), "Asia/Shanghai");
    expect(p).toEqual({ status: "ok", from: "2026-05-13T16:00:00.000Z", to: "2026-05-14T15:59:59.999Z", page: 1, page_size: 50 });
  });
});
