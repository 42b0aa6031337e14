"use client";

import { lazyClient } from "@/components/ui/lazy-client";
import { Skeleton } from "@/components/ui/skeleton";

/** echarts stays out of the device page's first-load JavaScript: charts load when a chart tab opens. */
export const LazyChart = lazyClient(() => import("@/components/charts/echarts").then((m) => m.EChart), {
  loading: () => <Skeleton className="h-[320px] w-full" />,
});
