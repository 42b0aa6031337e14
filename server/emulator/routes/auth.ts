/**
 * Authorisation: the token endpoint, `Authorization: token <t>` checks for product-scoped
 * calls, and X-Gizwits-Enterprise-ID/-Secret header checks for the /v1/users/* calls.
 */
import { ApiError } from "../errors";
import { objectBody, ok, type Ctx, type Router } from "../http";
import { FOREIGN_PRODUCT } from "../products";
import type { EmulatorState } from "../state";
import type { ProductState } from "../tenant";

/**
 * Resolves the product of a token-authenticated call. Order: missing/malformed/unknown token
 * → 5009; expired → 5011; unknown product in the path → 5015; token of another product → 5010.
 */
export function requireToken(state: EmulatorState, ctx: Ctx): ProductState {
  const header = ctx.headers.authorization;
  const m = typeof header === "string" ? /^token ([0-9a-fA-F]{32})$/.exec(header.trim()) : null;
  if (!m) throw new ApiError(5009, "expected header 'Authorization: token <token>'");
  const info = state.tokens.get(m[1].toLowerCase());
  if (!info) throw new ApiError(5009, "unknown token");
  // Valid until expire_at, not at it.
  if (ctx.now >= info.expireAt) throw new ApiError(5011);
  const product = state.tenant.productByKey(ctx.params.product_key);
  if (!product) throw new ApiError(5015);
  if (info.productKey !== product.def.key) throw new ApiError(5010);
  return product;
}

function header(ctx: Ctx, name: string): string | undefined {
  const v = ctx.headers[name.toLowerCase()];
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** Enterprise header auth. The secret is optional for users/search, required elsewhere. */
export function requireEnterprise(state: EmulatorState, ctx: Ctx, secretRequired: boolean): void {
  const eid = header(ctx, "X-Gizwits-Enterprise-ID");
  if (!eid) throw new ApiError(5002, "X-Gizwits-Enterprise-ID header is required");
  if (eid !== state.tenant.enterpriseId) throw new ApiError(5003);
  const secret = header(ctx, "X-Gizwits-Enterprise-Secret");
  if (secret === undefined) {
    if (secretRequired) throw new ApiError(5002, "X-Gizwits-Enterprise-Secret header is required");
    return;
  }
  if (secret !== state.tenant.enterpriseSecret) throw new ApiError(5004);
}

/**
 * The header-auth user endpoints name a product by `product_key` or by `product_secret` (the doc
 * describes the latter as "产品标识码 product_key"); accept either value in either parameter.
 */
export function productFromQuery(state: EmulatorState, ctx: Ctx, names: string[]): ProductState {
  let value: string | undefined;
  for (const n of names) value ??= ctx.query.get(n) ?? undefined;
  if (!value) throw new ApiError(5002, `${names.join(" or ")} is required`);
  // `product_secret` (described as "产品标识码 product_key"): the documented form is the key, the
  // alternative the secret (EMULATOR_PATH_VARIANT); the other one is refused as a wrong secret.
  const ambiguous = names[0] === "product_secret";
  const byKey = !ambiguous || state.servesPath("documented");
  const bySecret = !ambiguous || state.servesPath("alternative");
  const p = state.tenant.products.find((x) => (byKey && x.def.key === value) || (bySecret && x.def.secret === value));
  if (p) return p;
  if (state.tenant.products.some((x) => x.def.key === value || x.def.secret === value)) throw new ApiError(5005);
  if (value === FOREIGN_PRODUCT.key || value === FOREIGN_PRODUCT.secret) throw new ApiError(5801);
  throw new ApiError(5015);
}

export function registerAuth(router: Router, state: EmulatorState): void {
  router.add("POST", "/v1/products/{product_key}/access_token", (ctx) => {
    const body = objectBody(ctx);
    const { enterprise_id, enterprise_secret, product_secret } = body;
    if (typeof enterprise_id !== "string" || typeof enterprise_secret !== "string" || typeof product_secret !== "string") {
      throw new ApiError(5002, "enterprise_id, enterprise_secret and product_secret are required strings");
    }
    const pk = ctx.params.product_key;
    const product = state.tenant.productByKey(pk);
    if (!product && pk !== FOREIGN_PRODUCT.key) throw new ApiError(5015);
    if (enterprise_id !== state.tenant.enterpriseId) throw new ApiError(5003);
    if (enterprise_secret !== state.tenant.enterpriseSecret) throw new ApiError(5004);
    const expectedSecret = product ? product.def.secret : FOREIGN_PRODUCT.secret;
    if (product_secret !== expectedSecret) throw new ApiError(5005);
    // A real product that belongs to another enterprise: not associated with this EID.
    if (!product) throw new ApiError(5007);
    return ok(state.issueToken(product.def.key, ctx.now), 201);
  });
}
