"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "../ui/skeleton";

// Pages import charts from here: echarts then loads only when a chart renders,
// never during SSR and never in a page's first-load JavaScript.
const loading = () => <Skeleton className="h-80 w-full" />;

export const LineChart = dynamic(() => import("./line-chart").then((m) => m.LineChart), { ssr: false, loading });
export const BarChart = dynamic(() => import("./bar-chart").then((m) => m.BarChart), { ssr: false, loading });
export const GeoMap = dynamic(() => import("./geo-map").then((m) => m.GeoMap), { ssr: false, loading });
export const EChart = dynamic(() => import("./echarts").then((m) => m.EChart), { ssr: false, loading });
