import { describe, expect, it } from "vitest";
import { CSV_BOM, csvField, toCsv, type CsvColumn } from "./csv";

interface Row {
  name: string;
  count: number | null;
}
const columns: CsvColumn<Row>[] = [
  { header: "name", value: (r) => r.name },
  { header: "count", value: (r) => r.count },
];

describe("toCsv", () => {
  it("writes a header and CRLF-terminated rows", () => {
    expect(toCsv([{ name: "Guangdong", count: 3 }], columns)).toBe("name,count\r\nGuangdong,3\r\n");
  });

  it("writes only the header for no rows", () => {
    expect(toCsv([], columns)).toBe("name,count\r\n");
  });

  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    const csv = toCsv(
      [
        { name: 'say "hi"', count: 1 },
        { name: "a,b", count: 2 },
        { name: "line\nbreak", count: 3 },
        { name: "cr\rhere", count: 4 },
      ],
      columns,
    );
    expect(csv).toBe('name,count\r\n"say ""hi""",1\r\n"a,b",2\r\n"line\nbreak",3\r\n"cr\rhere",4\r\n');
  });

  it("leaves null and undefined empty", () => {
    expect(toCsv([{ name: "x", count: null }], columns)).toBe("name,count\r\nx,\r\n");
    expect(csvField(undefined)).toBe("");
  });

  it("keeps Chinese text as is", () => {
    expect(toCsv([{ name: "广东", count: 3 }], columns)).toBe("name,count\r\n广东,3\r\n");
  });
});

describe("formula-injection guard", () => {
  it.each(["=1+2", "+1", "-1", "@SUM(A1)", "\tx", '=HYPERLINK("http://x")'])("prefixes %j with a quote", (v) => {
    expect(csvField(v).replace(/^"|"$/g, "").startsWith("'")).toBe(true);
  });

  it("quotes a guarded cell that also needs quoting", () => {
    expect(csvField('=A1,"x"')).toBe(`"'=A1,""x"""`);
  });

  it("does not touch numbers, including negative ones", () => {
    expect(csvField(-5)).toBe("-5");
    expect(csvField(0)).toBe("0");
  });

  it("does not touch harmless strings", () => {
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField("Guangzhou")).toBe("Guangzhou");
  });

  it("guards headers too", () => {
    expect(toCsv([], [{ header: "=cmd", value: () => 1 }])).toBe("'=cmd\r\n");
  });
});

describe("other values", () => {
  it("writes dates as ISO and booleans as text", () => {
    expect(csvField(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe("2026-01-02T03:04:05.000Z");
    expect(csvField(true)).toBe("true");
  });

  it("exposes the UTF-8 BOM", () => {
    expect(CSV_BOM).toBe("\uFEFF");
    expect(new TextEncoder().encode(CSV_BOM)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});
