"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { productsOptions } from "@/lib/queries/products";
import type { Product } from "@/lib/schemas/products";
import { PRODUCT_COOKIE, setPreferenceCookie } from "./preferences";

const ProductContext = createContext<{ remembered: string | null; remember: (k: string) => void } | null>(null);

/** Holds the last chosen product (from the gw_product cookie) for pages opened without ?product=. */
export function ProductProvider({ initialProduct, children }: { initialProduct: string | null; children: ReactNode }) {
  const [remembered, setRemembered] = useState<string | null>(initialProduct);
  const remember = useCallback((k: string) => {
    setPreferenceCookie(PRODUCT_COOKIE, k);
    setRemembered(k);
  }, []);
  const value = useMemo(() => ({ remembered, remember }), [remembered, remember]);
  return <ProductContext.Provider value={value}>{children}</ProductContext.Provider>;
}

export interface UseProduct {
  /** The selected product_key; null only while products load with nothing in the URL or cookie, or none is configured. */
  productKey: string | null;
  product: Product | null;
  products: Product[];
  isLoading: boolean;
  error: unknown;
  /** Puts the choice in the URL (?product=) and the cookie; drops `page`, which belonged to the old product. */
  setProduct: (productKey: string) => void;
}

/**
 * The selected product: `?product=` in the URL, else the remembered choice, else the first
 * configured product. A key that is not configured is ignored once the product list is known.
 */
export function useProduct(): UseProduct {
  const ctx = useContext(ProductContext);
  const sp = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const q = useQuery(productsOptions());
  const products = useMemo(() => q.data ?? [], [q.data]);
  const fromUrl = sp.get("product");
  const remembered = ctx?.remembered ?? null;

  let productKey: string | null;
  if (q.data) {
    const known = (k: string | null) => (k && products.some((p) => p.productKey === k) ? k : null);
    productKey = known(fromUrl) ?? known(remembered) ?? products[0]?.productKey ?? null;
  } else {
    productKey = fromUrl ?? remembered;
  }

  const setProduct = useCallback(
    (key: string) => {
      ctx?.remember(key);
      const next = new URLSearchParams(sp.toString());
      next.set("product", key);
      next.delete("page");
      router.push(`${pathname}?${next.toString()}`, { scroll: false });
    },
    [ctx, sp, router, pathname],
  );

  return {
    productKey,
    product: products.find((p) => p.productKey === productKey) ?? null,
    products,
    isLoading: q.isLoading,
    error: q.error,
    setProduct,
  };
}

/** A product's display name: its Gizwits name, or the key when the name could not be fetched. */
export function productLabel(p: Pick<Product, "productKey" | "name">): string {
  return p.name ?? p.productKey;
}
