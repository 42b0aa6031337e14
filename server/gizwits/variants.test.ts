import { beforeEach, describe, expect, it } from "vitest";
import { AMBIGUOUS_PATHS, knownPathVariant, setVariantMemory, withPathVariant, type PathVariant, type VariantMemory } from "./variants";

/** A memory that records what was stored, instead of the database-backed default. */
function memory(): VariantMemory & { writes: [string, PathVariant][]; values: Map<string, PathVariant> } {
  const values = new Map<string, PathVariant>();
  const writes: [string, PathVariant][] = [];
  return {
    values,
    writes,
    get: async (k) => values.get(k),
    set: async (k, v) => {
      values.set(k, v);
      writes.push([k, v]);
    },
  };
}

class Miss extends Error {}
const isMiss = (e: unknown) => e instanceof Miss;
/** An upstream serving only `served`; records the variants asked. */
function upstream(served: PathVariant | "both") {
  const asked: PathVariant[] = [];
  const attempt = async (v: PathVariant) => {
    asked.push(v);
    if (served !== "both" && v !== served) throw new Miss();
    return `answer from ${v}`;
  };
  return { asked, attempt };
}

const key = AMBIGUOUS_PATHS.summary;
let m: ReturnType<typeof memory>;
beforeEach(() => {
  m = memory();
  setVariantMemory(m);
});

describe("withPathVariant", () => {
  it("tries the documented form first and remembers it when it answers", async () => {
    const u = upstream("both");
    expect(await withPathVariant(key, u.attempt, isMiss)).toBe("answer from documented");
    expect(u.asked).toEqual(["documented"]);
    expect(await knownPathVariant(key)).toBe("documented");
  });

  it("on a miss tries the alternative once, remembers it, and asks it first next time", async () => {
    const u = upstream("alternative");
    expect(await withPathVariant(key, u.attempt, isMiss)).toBe("answer from alternative");
    expect(u.asked).toEqual(["documented", "alternative"]);
    expect(m.writes).toEqual([[key, "alternative"]]);
    await withPathVariant(key, u.attempt, isMiss);
    expect(u.asked).toEqual(["documented", "alternative", "alternative"]);
    // Nothing new to store once known.
    expect(m.writes).toHaveLength(1);
  });

  it("follows a tenant that goes back to the documented form", async () => {
    m.values.set(key, "alternative");
    const u = upstream("documented");
    expect(await withPathVariant(key, u.attempt, isMiss)).toBe("answer from documented");
    expect(u.asked).toEqual(["alternative", "documented"]);
    expect(await knownPathVariant(key)).toBe("documented");
  });

  it("passes other errors on without trying the other form or learning anything", async () => {
    const asked: PathVariant[] = [];
    const boom = new Error("quota");
    await expect(
      withPathVariant(
        key,
        async (v) => {
          asked.push(v);
          throw boom;
        },
        isMiss,
      ),
    ).rejects.toBe(boom);
    expect(asked).toEqual(["documented"]);
    expect(m.writes).toEqual([]);
  });

  it("when neither form answers, the second refusal is what the caller gets and nothing is learned", async () => {
    let n = 0;
    const err = await withPathVariant(
      key,
      async () => {
        n++;
        throw new Miss(`miss ${n}`);
      },
      isMiss,
    ).catch((e: unknown) => e);
    expect((err as Error).message).toBe("miss 2");
    expect(m.writes).toEqual([]);
  });
});
