import { describe, expect, it } from "vitest";
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
