import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "../api-client";
import type { productsResponseSchema } from "../schemas/products";

export const productKeys = {
  all: ["products"] as const,
};

/** The configured products (GIZWITS_PRODUCTS) with names and data points. */
export function productsOptions() {
  return queryOptions({
    queryKey: productKeys.all,
    queryFn: ({ signal }) => apiFetch<z.output<typeof productsResponseSchema>>("/api/products", { signal }),
    // Products and their data points only change with a redeploy on the Gizwits side.
    staleTime: 10 * 60_000,
  });
}
