"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

/** echarts stays out of the device page's first-load JavaScript: charts load when a chart tab opens. */
export const LazyChart = dynamic(() => import("@/components/charts/echarts").then((m) => m.EChart), {
  ssr: false,
  loading: () => <Skeleton className="h-[320px] w-full" />,
});
