/** A TunnelTimers whose clock moves only when a test calls advance(): no sleeping, no flakiness. */
import type { TunnelTimers } from '../../../../electron/core/tunnel/types';

interface Task {
  at: number;
  callback: () => void;
}

/** lets promise callbacks and queued provider work run */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class ManualTimers implements TunnelTimers {
  private now = 0;
  private seq = 0;
  private readonly tasks = new Map<number, Task>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.tasks.set(id, { at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.tasks.delete(handle as number);
  }

  /** how many timers are pending */
  get size(): number {
    return this.tasks.size;
  }

  /** the remaining delays of the pending timers, shortest first */
  delays(): number[] {
    return [...this.tasks.values()].map((t) => t.at - this.now).sort((a, b) => a - b);
  }

  /** moves the clock, firing due timers in order and flushing after each */
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (;;) {
      const due = [...this.tasks.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, task] = due;
      this.tasks.delete(id);
      this.now = task.at;
      task.callback();
      await flush();
    }
    this.now = target;
    await flush();
  }
}
