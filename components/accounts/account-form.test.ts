import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAccountSchema } from "@/lib/schemas/accounts";
import { generatePassword, validateNewAccount, validatePassword } from "./account-form";

const ok = { username: "li.wei", name: "Li Wei", role: "operator", password: "correct-horse-1" };

describe("validateNewAccount", () => {
  it("accepts a valid account", () => {
    expect(validateNewAccount(ok)).toEqual({});
  });
  it("names the failing fields with localized message keys", () => {
    expect(validateNewAccount({ ...ok, username: "-x" })).toEqual({ username: "usernameInvalid" });
    expect(validateNewAccount({ ...ok, name: "  " })).toEqual({ name: "nameRequired" });
    expect(validateNewAccount({ ...ok, password: "short" })).toEqual({ password: "passwordTooShort" });
    expect(validateNewAccount({ ...ok, password: "密".repeat(30) })).toEqual({ password: "passwordTooLong" });
  });
});

describe("the form's rules and the route's schema", () => {
  it("accept and refuse the same accounts", () => {
    const username = fc.constantFrom("li.wei", "LI.WEI", " ops ", "-x", "a", "ab", "a".repeat(32), "a".repeat(33), "a b", "测试");
    const name = fc.constantFrom("Li Wei", "  ", "", "x".repeat(80), "x".repeat(81), " 名 ");
    const role = fc.constantFrom("manager", "operator", "ops", "admin", "root", "");
    const password = fc.constantFrom("correct-horse-1", "short", "0123456789", "012345678", "密".repeat(24), "密".repeat(25));
    fc.assert(
      fc.property(username, name, role, password, (u, n, r, p) => {
        const input = { username: u, name: n, role: r, password: p };
        const zod = createAccountSchema.safeParse(input);
        const fields = new Set(zod.success ? [] : zod.error.issues.map((i) => String(i.path[0])));
        expect(new Set(Object.keys(validateNewAccount(input)))).toEqual(fields);
      }),
    );
  });
});

describe("passwords", () => {
  it("validatePassword mirrors the server's rule", () => {
    expect(validatePassword("0123456789")).toBeUndefined();
    expect(validatePassword("012345678")).toBe("passwordTooShort");
  });
  it("generates passwords that pass the rule, without look-alike characters, never the same twice", () => {
    const a = generatePassword();
    const b = generatePassword();
    expect(a).toHaveLength(16);
    expect(a).not.toBe(b);
    expect(validatePassword(a)).toBeUndefined();
    expect(a + b).not.toMatch(/[0O1lI]/);
  });
});
