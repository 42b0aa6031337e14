import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Messages, Dict } from "./core";

// Every namespace file under messages/ must be complete in both languages.
const dir = path.join(import.meta.dirname, "messages");
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

describe("message catalogues", () => {
  it("has namespaces", () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(`${file} is complete in zh-CN and en`, async () => {
      const mod = (await import(path.join(dir, file))) as Record<string, Messages<Dict>>;
      for (const m of Object.values(mod)) {
        const en = Object.keys(m.en).sort();
        const zh = Object.keys(m["zh-CN"]).sort();
        expect(zh).toEqual(en);
        for (const k of en) {
          expect(m.en[k], `${file} en.${k}`).toMatch(/\S/);
          expect(m["zh-CN"][k], `${file} zh-CN.${k}`).toMatch(/\S/);
        }
        // Placeholders must match, or one language renders a raw {name}.
        for (const k of en) {
          const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
          expect(ph(m["zh-CN"][k]), `${file} placeholders of ${k}`).toBe(ph(m.en[k]));
        }
      }
    });
  }
});
