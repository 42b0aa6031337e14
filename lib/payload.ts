import { z } from "zod";

// The payload helpers are zod-free in lib/plain/payload.ts (client code imports that); this module
// adds the schema the server checks raw bytes with.
export * from "./plain/payload";

/** A non-empty list of bytes, as route input. */
export const rawBytesSchema = z.array(z.number().int().min(0).max(255)).min(1);
