import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { OutboundJob, OutboundQueue } from '../../core/ports.js';

/** The outbound queue on AWS: SQS with a dead-letter queue; the sender Lambda consumes it. */
export class SqsOutboundQueue implements OutboundQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(job: OutboundJob, delaySeconds = 0): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(job),
        // SQS delays at most 15 minutes.
        DelaySeconds: Math.min(900, Math.max(0, Math.round(delaySeconds))),
      }),
    );
  }
}
