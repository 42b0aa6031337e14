"use client";

import { Component, type ReactNode } from "react";

interface Props {
  /** The chart; remounted (a new echarts instance) when it throws. */
  children: ReactNode;
  /** Changes when the chart is given something new to draw: a failed chart tries again then. */
  resetOn: unknown;
  /** Shown when the chart failed twice in a row; `retry` draws it again from scratch. */
  fallback: (retry: () => void) => ReactNode;
}

interface State {
  failures: number;
  /** Between the throw and componentDidCatch: nothing is drawn. */
  caught: boolean;
  resetOn: unknown;
}

/**
 * Keeps a chart's failure inside the chart. echarts can throw while updating an instance (seen: a
 * `setOption` during a fault-injected reload threw "reading 'group'" from its renderer), and
 * without a boundary React's error takes the whole page down with it. The first failure remounts
 * the chart with a fresh instance, which draws the same option; a second one shows `fallback`
 * until the user retries or the chart gets new data.
 */
export class ChartBoundary extends Component<Props, State> {
  state: State = { failures: 0, caught: false, resetOn: this.props.resetOn };

  static getDerivedStateFromError(): Partial<State> {
    return { caught: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetOn !== state.resetOn ? { failures: 0, resetOn: props.resetOn } : null;
  }

  componentDidCatch(error: unknown): void {
    console.error("[console] chart failed to draw:", error instanceof Error ? error.message : String(error));
    this.setState((s) => ({ failures: s.failures + 1, caught: false }));
  }

  private retry = () => this.setState({ failures: 0 });

  render(): ReactNode {
    if (this.state.caught) return null;
    if (this.state.failures >= 2) return this.props.fallback(this.retry);
    // A new key after a failure: React mounts a new chart (and echarts a new instance).
    return <div key={this.state.failures}>{this.props.children}</div>;
  }
}
