import { z } from "zod";
import { ROLES } from "./plain/roles";

// The roles and permissions live zod-free in lib/plain/roles.ts (client code imports that);
// this module adds the schema the server parses stored and mapped roles with.
export * from "./plain/roles";

export const roleSchema = z.enum(ROLES);
