import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { EscalationEvent } from '../../core/handoff/escalation-event.js';
import type { EventPublisher } from '../../core/ports.js';

/**
 * Publishes escalations to the SNS topic: the event as the message body, the routing
 * attributes as message attributes so subscribers can filter (e.g. Spanish-speaking desks).
 */
export class SnsEventPublisher implements EventPublisher {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(event: EscalationEvent): Promise<void> {
    const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Message: JSON.stringify(event),
        MessageAttributes: {
          type: attribute(event.type),
          language: attribute(event.language),
          reason: attribute(event.reason),
          priority: attribute(event.priority),
          channel: attribute(event.channel),
        },
      }),
    );
  }
}
