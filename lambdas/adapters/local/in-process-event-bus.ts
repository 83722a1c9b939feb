import type { EscalationEvent } from '../../core/handoff/escalation-event.js';
import type { EventPublisher } from '../../core/ports.js';

/** The local stand-in for the SNS topic: keeps every event and tells subscribers in-process. */
export class InProcessEventBus implements EventPublisher {
  readonly published: EscalationEvent[] = [];
  private readonly subscribers = new Set<(event: EscalationEvent) => void>();

  async publish(event: EscalationEvent): Promise<void> {
    this.published.push(event);
    for (const subscriber of this.subscribers) subscriber(event);
  }

  subscribe(subscriber: (event: EscalationEvent) => void): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }
}
