import type { ComposeOption } from "echarts/core";
import type { BarSeriesOption, LineSeriesOption, MapSeriesOption, ScatterSeriesOption } from "echarts/charts";
import type {
  AriaComponentOption,
  DataZoomComponentOption,
  GeoComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from "echarts/components";

/**
 * The option type of every console chart: exactly the modules registered in echarts.tsx, so an
 * option that needs an unregistered module is a type error instead of a blank chart. Type-only:
 * option builders import this without pulling echarts into their bundle or tests.
 */
export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | MapSeriesOption
  | ScatterSeriesOption
  | AriaComponentOption
  | DataZoomComponentOption
  | GeoComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** Colours the option builders need, read from the console's CSS variables by the wrapper. */
export interface ChartPalette {
  dark: boolean;
  ink: string;
  inkMuted: string;
  line: string;
  panel: string;
  accent: string;
  /** Low → high for choropleths. */
  scale: [string, string];
  /** Map areas without data. */
  empty: string;
}
