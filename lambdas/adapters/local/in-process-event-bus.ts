import type { EscalationEvent } from '../../core/handoff/escalation-event.js';
import type { EventPublisher } from '../../core/ports.js';

/** How many recent events the local bus keeps for inspection (a long-running stack stays small). */
const KEPT = 2_000;

/** The local stand-in for the SNS topic: keeps the recent events and tells subscribers in-process. */
export class InProcessEventBus implements EventPublisher {
  readonly published: EscalationEvent[] = [];
  private readonly subscribers = new Set<(event: EscalationEvent) => void>();

  async publish(event: EscalationEvent): Promise<void> {
    this.published.push(event);
    if (this.published.length > KEPT) this.published.splice(0, this.published.length - KEPT);
    for (const subscriber of this.subscribers) subscriber(event);
  }

  subscribe(subscriber: (event: EscalationEvent) => void): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }
}
