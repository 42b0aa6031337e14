import { describe, expect, it } from "vitest";
import {
  bytesToBase64,
  bytesToHex,
  cmdDirectionLabel,
  decodeCmdPayload,
  formatHexDump,
  formatRaw,
  hexDump,
  p0ActionLabel,
  p0CmdLabel,
  p0FieldLabel,
  parseBase64Bytes,
  parseDecimalBytes,
  parseHexBytes,
  parseP0,
  parseRaw,
  rawBytesSchema,
  rawControlBody,
} from "./payload";

const abc = [97, 98, 99];
const reasonOf = (r: { ok: boolean; reason?: { en: string; "zh-CN": string } }) => r.reason;

describe("parseDecimalBytes", () => {
  it.each(["97, 98, 99", "[97,98,99]", " [ 97 98 99 ] ", "97;98;99", "97,\n98,\t99,"])("reads %j", (s) => {
    expect(parseDecimalBytes(s)).toEqual({ ok: true, value: abc });
  });
  it("accepts the byte bounds", () => {
    expect(parseDecimalBytes("0, 255")).toEqual({ ok: true, value: [0, 255] });
  });
  it.each([
    ["97, 256", 2, "256"],
    ["-1", 1, "-1"],
    ["97, 9a", 2, "9a"],
    ["1.5", 1, "1.5"],
    ["0x61", 1, "0x61"],
  ])("rejects %j naming item %d", (s, position, token) => {
    const r = parseDecimalBytes(s);
    expect(r.ok).toBe(false);
    expect(reasonOf(r)?.en).toBe(`Item ${position} (“${token}”) is not a whole number from 0 to 255`);
    expect(reasonOf(r)?.["zh-CN"]).toContain(`第 ${position} 项`);
  });
  it.each(["", "   ", "[]", ",,"])("rejects empty input %j", (s) => {
    expect(reasonOf(parseDecimalBytes(s))?.en).toBe("The command is empty: enter at least one byte");
  });
});

describe("parseHexBytes", () => {
  it.each(["616263", "61 62 63", "61:62:63", "61-62-63", "0x61 0x62 0x63", "0x616263", "6162\n63", "61,62,63"])("reads %j", (s) =>
    expect(parseHexBytes(s)).toEqual({ ok: true, value: abc }),
  );
  it("reads upper case", () => {
    expect(parseHexBytes("FF00aB")).toEqual({ ok: true, value: [255, 0, 171] });
  });
  it("rejects an invalid digit with its position", () => {
    const r = parseHexBytes("61 6g");
    expect(reasonOf(r)?.en).toBe("“g” at position 5 is not a hexadecimal digit");
  });
  it("rejects 0x in the middle of a token and odd digit counts", () => {
    expect(parseHexBytes("610x62").ok).toBe(false);
    expect(reasonOf(parseHexBytes("61626"))?.en).toMatch(/odd number/);
  });
  it("rejects empty input", () => {
    expect(reasonOf(parseHexBytes(" : "))?.en).toMatch(/empty/);
    expect(parseHexBytes("0x").ok).toBe(false);
  });
});

describe("parseBase64Bytes", () => {
  it.each([
    ["YWJj", abc],
    ["YWI=", [97, 98]],
    ["YWI", [97, 98]],
    ["YQ==", [97]],
    ["YQ", [97]],
    ["YW Jj\n", abc],
    ["//79", [255, 254, 253]],
    ["__79", [255, 254, 253]],
    ["-_-_", [251, 255, 191]],
  ])("reads %j", (s, bytes) => expect(parseBase64Bytes(s)).toEqual({ ok: true, value: bytes }));
  it("rejects bad padding", () => {
    expect(reasonOf(parseBase64Bytes("Y==="))?.en).toMatch(/padding/);
    expect(reasonOf(parseBase64Bytes("YQ=a"))?.en).toMatch(/padding/);
  });
  it("rejects a wrong length", () => {
    expect(reasonOf(parseBase64Bytes("YQ="))?.en).toMatch(/wrong length/);
    expect(reasonOf(parseBase64Bytes("YWJjZ"))?.en).toMatch(/wrong length/);
  });
  it("rejects a foreign character with its position", () => {
    expect(reasonOf(parseBase64Bytes("YW*j"))?.en).toBe("“*” at position 3 is not a base64 character");
  });
  it("rejects empty input", () => {
    expect(reasonOf(parseBase64Bytes(""))?.en).toMatch(/empty/);
  });
  it("round-trips with bytesToBase64 for every length mod 3", () => {
    for (const bytes of [[0], [0, 1], [0, 1, 2], [255, 128, 7, 1], Array.from({ length: 256 }, (_, i) => i)]) {
      expect(parseBase64Bytes(bytesToBase64(bytes))).toEqual({ ok: true, value: bytes });
    }
  });
  it("encodes like the platform's base64", () => {
    const bytes = [0, 0, 0, 3, 9, 0, 0, 0x90, 1, 1, 1, 0, 0, 0x10, 0xff];
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
  });
});

describe("parseRaw and formatRaw", () => {
  it("dispatch on the format", () => {
    expect(parseRaw("97 98 99", "decimal")).toEqual({ ok: true, value: abc });
    expect(parseRaw("616263", "hex")).toEqual({ ok: true, value: abc });
    expect(parseRaw("YWJj", "base64")).toEqual({ ok: true, value: abc });
    expect(parseRaw("616263", "decimal").ok).toBe(false);
  });
  it("re-render bytes so each format parses back", () => {
    expect(formatRaw(abc, "decimal")).toBe("97, 98, 99");
    expect(formatRaw(abc, "hex")).toBe("61 62 63");
    expect(formatRaw(abc, "base64")).toBe("YWJj");
    for (const f of ["decimal", "hex", "base64"] as const) {
      expect(parseRaw(formatRaw([0, 10, 255], f), f)).toEqual({ ok: true, value: [0, 10, 255] });
    }
  });
});

describe("rawControlBody", () => {
  it("defaults to the documented decimal array", () => {
    expect(rawControlBody(abc)).toEqual({ raw: [97, 98, 99] });
  });
  it("builds the binary_coding forms", () => {
    expect(rawControlBody([0x61, 0x0a], "hex")).toEqual({ raw: "610a", binary_coding: "hex" });
    expect(rawControlBody(abc, "base64")).toEqual({ raw: "YWJj", binary_coding: "base64" });
  });
  it("copies the bytes rather than aliasing the caller's array", () => {
    const bytes = [1, 2];
    const body = rawControlBody(bytes) as { raw: number[] };
    bytes.push(3);
    expect(body.raw).toEqual([1, 2]);
  });
  it("has a route-input schema that refuses empty and out-of-range bytes", () => {
    expect(rawBytesSchema.safeParse(abc).success).toBe(true);
    expect(rawBytesSchema.safeParse([]).success).toBe(false);
    expect(rawBytesSchema.safeParse([256]).success).toBe(false);
    expect(rawBytesSchema.safeParse([1.5]).success).toBe(false);
  });
});

describe("hexDump", () => {
  it("splits rows with offsets, hex and an ASCII column", () => {
    const bytes = [...Array.from("Hello, Gizwits!\n"), "A"].map((c) => c.charCodeAt(0));
    const rows = hexDump(bytes);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ offset: 0, offsetLabel: "0000", ascii: "Hello, Gizwits!." });
    expect(rows[0].hex.slice(0, 3)).toEqual(["48", "65", "6c"]);
    expect(rows[1]).toEqual({ offset: 16, offsetLabel: "0010", hex: ["41"], ascii: "A" });
  });
  it("honours the width and masks non-printables", () => {
    const rows = hexDump([0, 0x1f, 0x20, 0x7e, 0x7f, 0xff], 4);
    expect(rows.map((r) => r.ascii)).toEqual([".. ~", ".."]);
    expect(rows[1].offsetLabel).toBe("0004");
  });
  it("is empty for no bytes and widens offsets past 64 KiB", () => {
    expect(hexDump([])).toEqual([]);
    const big = hexDump(new Array<number>(0x10001).fill(0));
    expect(big.at(-1)?.offsetLabel).toBe("00010000");
  });
  it("formats as aligned text", () => {
    expect(formatHexDump([0x61, 0x62], 4)).toBe("0000  61 62        |ab|");
  });
});

describe("parseP0", () => {
  const hex = (s: string) => (s.match(/../g) ?? []).map((b) => parseInt(b, 16));

  it("splits the API doc's app2dev example", () => {
    const f = parseP0(hex("0000000309000090010101000010"));
    expect(f).not.toBeNull();
    expect(f?.fields.map((x) => x.key)).toEqual(["header", "len", "flag", "cmd", "action", "payload"]);
    expect(f).toMatchObject({ flag: 0, cmd: 0x90, sn: null, action: 1, payload: [1, 1, 0, 0, 0x10] });
    expect(f?.fields.find((x) => x.key === "len")).toEqual({ key: "len", offset: 4, bytes: [9], value: 9 });
    expect(f?.fields.find((x) => x.key === "payload")?.offset).toBe(9);
  });
  it("splits the API doc's dev2app example", () => {
    const f = parseP0(hex("000000030b0000910401000010000000"));
    expect(f).toMatchObject({ cmd: 0x91, action: 4, payload: [1, 0, 0, 0x10, 0, 0, 0] });
  });
  it("reads a sequence number for 0x0093/0x0094", () => {
    const f = parseP0(hex("000000030a00009300000102030405"));
    expect(f).toMatchObject({ cmd: 0x93, sn: 0x00000102, action: 3, payload: [4, 5] });
    expect(f?.fields.map((x) => x.key)).toEqual(["header", "len", "flag", "cmd", "sn", "action", "payload"]);
  });
  it("decodes a multi-byte length", () => {
    const body = [0, 0, 0x91, 4, ...new Array<number>(196).fill(7)]; // 200 bytes after the length
    const f = parseP0([0, 0, 0, 3, 0xc8, 0x01, ...body]);
    expect(f?.fields[1]).toEqual({ key: "len", offset: 4, bytes: [0xc8, 0x01], value: 200 });
    expect(f?.payload).toHaveLength(196);
  });
  it("has no action for non-data commands", () => {
    expect(parseP0(hex("000000030300000f"))).toMatchObject({ cmd: 0x0f, action: null, payload: [] });
  });
  it.each([
    ["wrong header", "0000000409000090010101000010"],
    ["length too long", "000000030a000090010101000010"],
    ["length too short", "0000000308000090010101000010"],
    ["truncated", "00000003"],
    ["sn missing", "00000003050000930102"],
    ["unterminated length", "0000000380808080"],
  ])("returns null for %s", (_why, s) => expect(parseP0(hex(s))).toBeNull());
});

describe("decodeCmdPayload", () => {
  it("reads the API doc's hex payloads as P0 frames", () => {
    const d = decodeCmdPayload("0000000309000090010101000010");
    expect(d?.encoding).toBe("hex");
    expect(d?.frame?.cmd).toBe(0x90);
  });
  it("reads base64 payloads, as the API doc's text describes them", () => {
    const bytes = [0, 0, 0, 3, 9, 0, 0, 0x90, 1, 1, 1, 0, 0, 0x10];
    const d = decodeCmdPayload(Buffer.from(bytes).toString("base64"));
    expect(d).toMatchObject({ encoding: "base64", bytes });
    expect(d?.frame?.action).toBe(1);
  });
  it("prefers hex for hex-looking text that is no frame either way", () => {
    expect(decodeCmdPayload("616263")).toEqual({ encoding: "hex", bytes: abc, frame: null });
  });
  it("falls back to base64 for non-hex text and null for neither", () => {
    expect(decodeCmdPayload("YWJj")).toEqual({ encoding: "base64", bytes: abc, frame: null });
    expect(decodeCmdPayload("not a payload!")).toBeNull();
  });
});

describe("labels", () => {
  it("name fields, commands, actions and directions in both languages", () => {
    expect(p0FieldLabel("payload", "zh-CN")).toBe("业务指令");
    expect(p0FieldLabel("cmd", "en")).toBe("Command");
    expect(p0CmdLabel(0x90, "en")).toBe("Cloud → device");
    expect(p0CmdLabel(0x94, "zh-CN")).toBe("设备 → 云端（带包序号）");
    expect(p0CmdLabel(0x15, "en")).toBe("0x0015");
    expect(p0ActionLabel(4, "zh-CN")).toBe("设备主动上报状态");
    expect(p0ActionLabel(0x7f, "en")).toBe("0x7f");
    expect(cmdDirectionLabel("app2dev", "en")).toBe("App → device");
    expect(cmdDirectionLabel("dev2app", "zh-CN")).toBe("设备 → App");
    expect(cmdDirectionLabel("dev2cloud", "en")).toBe("dev2cloud");
  });
});

describe("bytesToHex", () => {
  it("pads and separates", () => {
    expect(bytesToHex([0, 10, 255])).toBe("000aff");
    expect(bytesToHex([0, 10, 255], " ")).toBe("00 0a ff");
  });
});
