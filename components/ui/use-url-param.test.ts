import { describe, expect, it } from "vitest";
import { applyParams, settlePending } from "./use-url-param";

describe("URL params", () => {
  it("sets, replaces and removes params, and a new filter drops the page", () => {
    expect(applyParams("/users?product=p&page=3", { appid: "a1", val: "" }, { resetPage: true })).toBe("/users?product=p&appid=a1");
    expect(applyParams("/users?product=p&appid=a1", { appid: null, type: "phone" })).toBe("/users?product=p&type=phone");
    expect(applyParams("/users?x=1", { x: undefined })).toBe("/users");
    expect(applyParams("/devices", { page: 2 })).toBe("/devices?page=2");
  });

  it("a second change made before the router showed the first builds on the first", () => {
    // Pick an app (URL asked, not shown yet), then click Search at once: both must stay.
    const first = applyParams("/users?product=p", { appid: "a1" }, { resetPage: true });
    const second = applyParams(first, { type: "phone", val: "151" }, { resetPage: true });
    expect(new URLSearchParams(second.split("?")[1]).get("appid")).toBe("a1");
    expect(second).toBe("/users?product=p&appid=a1&type=phone&val=151");
  });

  it("once the router shows a URL, only the URLs asked after it stay pending", () => {
    expect(settlePending(["/a?1", "/a?2", "/a?3"], "/a?2")).toEqual(["/a?3"]);
    expect(settlePending(["/a?1", "/a?2"], "/a?2")).toEqual([]);
    // Back/forward or a link elsewhere shows a URL this page never asked for: nothing is pending.
    expect(settlePending(["/a?1", "/a?2"], "/b")).toEqual([]);
  });
});
