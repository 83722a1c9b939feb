import type { OutboundJob, OutboundQueue } from '../../core/ports.js';

/**
 * The local stand-in for the SQS outbound queue: jobs run on timers in this process. A job
 * whose consumer throws is retried like SQS redelivers it, then kept in `deadLetters` — never
 * dropped. `delayScale` shrinks delays (tests run backoffs in milliseconds).
 */
export class InProcessOutboundQueue implements OutboundQueue {
  readonly deadLetters: OutboundJob[] = [];
  private consumer: ((job: OutboundJob) => Promise<unknown>) | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: { maxReceives: number; delayScale: number }) {}

  consume(consumer: (job: OutboundJob) => Promise<unknown>): void {
    this.consumer = consumer;
  }

  async enqueue(job: OutboundJob, delaySeconds = 0): Promise<void> {
    this.schedule(job, delaySeconds, 1);
  }

  /** Resolves when every queued job has run (tests). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private schedule(job: OutboundJob, delaySeconds: number, receive: number): void {
    const run = new Promise<void>((resolve) => {
      setTimeout(async () => {
        try {
          if (!this.consumer) throw new Error('no consumer');
          await this.consumer(job);
        } catch {
          if (receive >= this.options.maxReceives) this.deadLetters.push(job);
          else this.schedule(job, 2 ** receive, receive + 1);
        }
        resolve();
      }, delaySeconds * 1000 * this.options.delayScale);
    });
    this.pending.add(run);
    void run.then(() => this.pending.delete(run));
  }
}
