import type { IncomingHttpHeaders } from "node:http";

/**
 * Web-style `get()` over node:http's header object (names lower-case, repeated values joined with
 * ", " as Headers does), without building a web Headers. `skip` names headers to read as absent.
 */
export function nodeHeaders(raw: IncomingHttpHeaders, skip?: ReadonlySet<string>): Pick<Headers, "get"> {
  return {
    get: (name) => {
      const key = name.toLowerCase();
      const v = skip?.has(key) ? undefined : raw[key];
      return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
    },
  };
}
