import type { ProductCapabilities } from "@/lib/schemas/capabilities";
import { productCapabilities } from "@/server/console/product-capabilities";
import { defineRoute } from "@/server/http/route";

/** What the console has learned each product (and the tenant) allows; costs no upstream call. */
export const GET = defineRoute({ permission: "read" }, (): Promise<ProductCapabilities> => productCapabilities());
