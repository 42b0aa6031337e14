import "server-only";

export type Priority = "interactive" | "background";

/**
 * Caps concurrent upstream calls so a burst (a report page firing twenty widgets) is smoothed
 * instead of hammering Gizwits; waiting interactive calls always go before background ones.
 */
export class PriorityLimiter {
  private active = 0;
  private queues: Record<Priority, (() => void)[]> = { interactive: [], background: [] };

  constructor(private readonly max: number) {}

  get running(): number {
    return this.active;
  }
  get waiting(): number {
    return this.queues.interactive.length + this.queues.background.length;
  }

  async run<T>(priority: Priority, fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) {
      await new Promise<void>((resolve) => this.queues[priority].push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return await fn();
    } finally {
      const next = this.queues.interactive.shift() ?? this.queues.background.shift();
      // The slot passes straight to the next waiter, so `active` only drops when nobody waits.
      if (next) next();
      else this.active -= 1;
    }
  }
}
