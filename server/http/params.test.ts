import { describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";

const PK = "0123456789abcdef0123456789abcdef";
// Well-formed ids (a did is 22 letters and digits; gids and uids 32 hex digits).
const DID = "a".repeat(22);
const HEX = "b".repeat(32);
vi.mock("@/server/env", () => ({ env: () => ({ GIZWITS_PRODUCTS: [{ productKey: PK, productSecret: "secret" }] }) }));

const { deviceParams, groupParams, productParams, productQuery, userParams } = await import("./params");
const { AppError, toErrorResponse } = await import("@/server/errors");

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

describe("productParams", () => {
  it("passes a configured product key, trimmed", () => {
    expect(productParams.parse({ pk: ` ${PK} ` })).toEqual({ pk: PK });
    expect(productQuery.parse({ product: PK })).toEqual({ product: PK });
  });

  it("answers an unconfigured product with a 404 in both languages, from every [pk] schema", async () => {
    const other = "f".repeat(32);
    for (const parse of [
      () => productParams.parse({ pk: other }),
      () => deviceParams.parse({ pk: other, did: DID }),
      () => groupParams.parse({ pk: other, gid: HEX }),
      () => userParams.parse({ pk: other, uid: HEX }),
      () => productQuery.parse({ product: other }),
    ]) {
      const e = thrown(parse);
      expect(e).toBeInstanceOf(AppError);
      expect((e as InstanceType<typeof AppError>).status).toBe(404);
    }
    const res = toErrorResponse(
      thrown(() => productParams.parse({ pk: other })),
      "zh-CN",
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: `本控制台未配置产品 ${other}。` } });
    const en = toErrorResponse(
      thrown(() => productParams.parse({ pk: other })),
      "en",
    );
    expect((await en.json()).error.message).toBe(`Product ${other} is not configured in this console.`);
  });

  it("answers a malformed key with a 400 validation error", () => {
    for (const pk of ["", "x".repeat(65)]) {
      const e = thrown(() => productParams.parse({ pk }));
      expect(e).toBeInstanceOf(ZodError);
      expect(toErrorResponse(e, "en").status).toBe(400);
    }
  });

  it("still checks the other segments of a configured product", () => {
    expect(thrown(() => groupParams.parse({ pk: PK, gid: "bad gid!" }))).toBeInstanceOf(ZodError);
    expect(deviceParams.parse({ pk: PK, did: DID })).toEqual({ pk: PK, did: DID });
  });
});
