import { listProducts } from "@/server/gizwits/products";
import { defineRoute } from "@/server/http/route";

/** The configured products with their names and data points (cached 1 h); never secrets. */
export const GET = defineRoute({ permission: "read" }, () => listProducts());
