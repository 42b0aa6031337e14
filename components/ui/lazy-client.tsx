"use client";

import { type ComponentType, type JSX, lazy, type ReactNode, Suspense, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** false on the server and while hydrating, true once the browser renders on its own. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * A component whose code is fetched the first time it renders in the browser — what
 * `next/dynamic(…, { ssr: false })` does, on React's own `lazy` and `Suspense`, so a page does not
 * carry next/dynamic's loader runtime (~2.3 KB gzip of first-load JS on every page that used it;
 * issue 17). Before hydration and while the code loads it renders `loading` (or nothing): the
 * server's HTML and the first client render agree.
 */
export function lazyClient<P extends object>(
  load: () => Promise<ComponentType<P>>,
  options: { loading?: () => ReactNode } = {},
): (props: P) => JSX.Element {
  const Lazy = lazy(async () => ({ default: await load() })) as unknown as ComponentType<P>;
  const fallback = options.loading;
  // biome-ignore lint/correctness/noComponentHookFactories: called once per lazy component at module level (like next/dynamic), never during render
  function LazyClient(props: P): JSX.Element {
    const hydrated = useHydrated();
    const placeholder = <>{fallback ? fallback() : null}</>;
    if (!hydrated) return placeholder;
    return (
      <Suspense fallback={placeholder}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return LazyClient;
}
