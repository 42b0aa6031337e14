import { z } from "zod";
import { defineRoute } from "@/server/http/route";
import type { ProductDatapoints } from "@/lib/schemas/datapoints";
import { getProduct } from "@/server/gizwits/products";
import { requireProduct } from "../devices/[did]/_device";

const paramsSchema = z.object({ pk: z.string().regex(/^[0-9a-f]{32}$/i, "product key must be 32 hex digits") });

// GET: the product's datapoint definitions (the shared datapoint DTO).
export const GET = defineRoute({ permission: "read", params: paramsSchema }, async ({ params }): Promise<ProductDatapoints> => {
  requireProduct(params.pk);
  const p = await getProduct(params.pk);
  return { productKey: p.productKey, name: p.name ?? "", datapoints: p.datapoints ?? [] };
});
