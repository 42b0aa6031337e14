import "server-only";

/**
 * One value per server process, shared by every copy of a module. Next.js may evaluate a module
 * once per route bundle (and again after a dev reload), so state that must be one per process
 * (the env, the database pool, the upstream limiter, in-flight reads) lives on globalThis under a
 * fixed key instead of in a module variable. This is the only place that casts globalThis.
 */
export interface ProcessSingleton<T> {
  /** The value, created by `init` on first use (a stored `null` counts as created). */
  get(): T;
  /** The value if it has been created, without creating it. */
  peek(): T | undefined;
  /** Replaces the value (tests, or a late-configured implementation). */
  set(value: T): void;
  /** Forgets the value; the next get() creates it again. */
  reset(): void;
}

const slots = globalThis as unknown as Record<string, unknown>;

/** The process-wide value under `key` (a `__`-prefixed name unique to its module). */
export function processSingleton<T>(key: `__${string}`, init: () => T): ProcessSingleton<T> {
  return {
    get() {
      if (slots[key] === undefined) slots[key] = init();
      return slots[key] as T;
    },
    peek: () => slots[key] as T | undefined,
    set(value) {
      slots[key] = value;
    },
    reset() {
      slots[key] = undefined;
    },
  };
}
