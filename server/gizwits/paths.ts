import "server-only";

/** `/v1/products/{pk}` + segments, each segment URL-encoded (dids, gids and MACs come from users). */
export function productPath(productKey: string, ...segments: string[]): string {
  return ["/v1/products", productKey, ...segments].map((s, i) => (i === 0 ? s : encodeURIComponent(s))).join("/");
}
