"use client";

import { productLabel, useProduct } from "../product";
import { useT } from "../i18n";
import { Skeleton } from "../ui/skeleton";

export function ProductSwitcher() {
  const t = useT("shell");
  const { productKey, products, isLoading, error, setProduct } = useProduct();
  if (isLoading) return <Skeleton className="h-7 w-48" />;
  if (error && products.length === 0) return <span className="text-xs text-bad">{t("productUnavailable")}</span>;
  if (products.length === 0) return <span className="text-xs text-ink-subtle">{t("productNone")}</span>;
  return (
    <label className="flex min-w-0 items-center gap-2">
      <span className="hidden text-xs text-ink-subtle sm:inline">{t("product")}</span>
      <span className="relative inline-flex min-w-0">
        <select
          aria-label={t("product")}
          data-testid="product-switcher"
          value={productKey ?? ""}
          onChange={(e) => setProduct(e.target.value)}
          className="h-7 max-w-[18rem] min-w-0 appearance-none truncate rounded-md border border-line bg-panel pl-2.5 pr-7 text-[13px] font-medium text-ink hover:border-line-strong"
        >
          {products.map((p) => (
            <option key={p.productKey} value={p.productKey}>
              {productLabel(p)}
              {p.name ? ` · ${p.productKey.slice(0, 8)}` : ""}
            </option>
          ))}
        </select>
        <svg
          aria-hidden="true"
          viewBox="0 0 16 16"
          width="14"
          height="14"
          className="pointer-events-none absolute right-2 top-1/2 -translate-y-1/2 text-ink-subtle"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        >
          <path d="m4 6 4 4 4-4" />
        </svg>
      </span>
    </label>
  );
}
