/**
 * A query manager in the manner of Mosaic's: requests run one at a time in arrival order;
 * each belongs to a view, and a newer request for the same view drops the older one if it
 * is still waiting, or cancels it if it is running. Results therefore never come back
 * stale, and one slow view does not cancel another's work.
 *
 * Background requests (the validation report) run only when no other request waits, so
 * work the user is looking at never queues behind them; submit them one statement at a
 * time (see {@link backgroundEngine}) and they give way between statements.
 */

/** Raised for a request that a newer request of the same view replaced. */
export class SupersededError extends Error {
  constructor(readonly view: string) {
    super(`superseded by a newer request for ${view}`);
    this.name = 'SupersededError';
  }
}

interface Job<T> {
  view: string;
  run: () => Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
  superseded: boolean;
  background: boolean;
}

/** How a request is scheduled: `normal` in arrival order, `background` when nothing else waits. */
export type Priority = 'normal' | 'background';

export class QueryQueue {
  private queue: Job<unknown>[] = [];
  private running: Job<unknown> | null = null;

  /** @param cancelRunning cancels the statement in flight (engine-specific). */
  constructor(private readonly cancelRunning: () => Promise<void>) {}

  /** Queues work for a view; superseding any earlier work of that view. */
  submit<T>(view: string, run: () => Promise<T>, priority: Priority = 'normal'): Promise<T> {
    this.cancel(view);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        view,
        run,
        resolve,
        reject,
        superseded: false,
        background: priority === 'background',
      } as Job<unknown>);
      void this.pump();
    });
  }

  /** Cancels the view's running request and drops its waiting ones. */
  cancel(view: string): void {
    for (const j of this.queue) {
      if (j.view === view) {
        j.superseded = true;
        j.reject(new SupersededError(view));
      }
    }
    this.queue = this.queue.filter((j) => !j.superseded);
    if (this.running && this.running.view === view && !this.running.superseded) {
      this.running.superseded = true;
      void this.cancelRunning();
    }
  }

  /** Number of requests waiting (not counting the running one). */
  get waiting(): number {
    return this.queue.length;
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    const next = this.queue.findIndex((j) => !j.background);
    const [job] = this.queue.splice(next === -1 ? 0 : next, 1);
    if (!job) return;
    this.running = job;
    try {
      const v = await job.run();
      if (job.superseded) job.reject(new SupersededError(job.view));
      else job.resolve(v);
    } catch (e) {
      job.reject(job.superseded ? new SupersededError(job.view) : e);
    } finally {
      this.running = null;
      void this.pump();
    }
  }
}
