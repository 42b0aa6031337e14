// Loader hooks for the multi-instance test's console instances (instance.ts), which run the
// console's server layer as a plain Node program (node --import tsx --import this file):
// `server-only` resolves to an empty module, as it does under vitest, and the session module to
// session-stub.ts (no next-auth cookie outside Next: the test names the user in a header).
// A plain .mjs file: Node loads it before TypeScript support is in place.
import { register } from "node:module";

register("./hooks.mjs", import.meta.url);
