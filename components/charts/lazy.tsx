"use client";

import { lazyClient } from "@/components/ui/lazy-client";
import { Skeleton } from "../ui/skeleton";

// Pages import charts from here: echarts then loads only when a chart renders,
// never during SSR and never in a page's first-load JavaScript.
const loading = () => <Skeleton className="h-80 w-full" />;

export const LineChart = lazyClient(() => import("./line-chart").then((m) => m.LineChart), { loading });
export const BarChart = lazyClient(() => import("./bar-chart").then((m) => m.BarChart), { loading });
export const GeoMap = lazyClient(() => import("./geo-map").then((m) => m.GeoMap), { loading });
export const EChart = lazyClient(() => import("./echarts").then((m) => m.EChart), { loading });
