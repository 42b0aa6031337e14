import { describe, expect, it } from "vitest";
import { processSingleton } from "./process-singleton";

describe("processSingleton", () => {
  it("creates the value once and shares it between handles on the same key (two copies of a module)", () => {
    let made = 0;
    const a = processSingleton("__testSingletonShared", () => ({ n: ++made }));
    const b = processSingleton("__testSingletonShared", () => ({ n: ++made }));
    expect(a.peek()).toBeUndefined();
    const first = a.get();
    expect(b.get()).toBe(first);
    expect(made).toBe(1);
    a.reset();
    expect(b.peek()).toBeUndefined();
    expect(b.get()).toEqual({ n: 2 });
  });

  it("keeps a created null and takes a replacement", () => {
    let made = 0;
    const s = processSingleton<string | null>("__testSingletonNull", () => {
      made++;
      return null;
    });
    expect(s.get()).toBeNull();
    expect(s.get()).toBeNull();
    expect(made).toBe(1);
    s.set("swapped");
    expect(s.get()).toBe("swapped");
  });
});
