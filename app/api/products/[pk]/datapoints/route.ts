import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import type { ProductDatapoints } from "@/lib/schemas/datapoints";
import { getProduct } from "@/server/gizwits/products";

// GET: the product's datapoint definitions (the shared datapoint DTO).
export const GET = defineRoute({ permission: "read", params: productParams }, async ({ params }): Promise<ProductDatapoints> => {
  const p = await getProduct(params.pk);
  return { productKey: p.productKey, name: p.name ?? "", datapoints: p.datapoints ?? [] };
});
