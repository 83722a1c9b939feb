import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { CHANNELS } from '../core/domain/conversation.js';
import { deliverOutbound } from '../core/outbound/deliver-outbound.js';
import { lambdaSenderDeps } from '../runtime/lambda/sender.root.js';
import { logger } from '../runtime/logger.js';
import type { SenderDeps } from '../runtime/deps.js';

const jobSchema = z.object({
  conversationId: z.string().min(1),
  sid: z.string().min(1),
  at: z.iso.datetime(),
  to: z.object({ channel: z.enum(CHANNELS), phone: z.string().regex(/^\+\d{8,15}$/) }),
  body: z.string().min(1).max(1600),
  attempt: z.number().int().min(1),
});

/**
 * SQS consumer: sends queued messages through Twilio. A message that fails unexpectedly is
 * reported as a batch item failure, so SQS redelivers it and, after the redrive limit, moves
 * it to the dead-letter queue (with an alarm) — never dropped.
 */
export function createOutboundSender(getDeps: () => Promise<SenderDeps>) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const deps = await getDeps();
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const parsed = jobSchema.safeParse(safeJson(record.body));
      if (!parsed.success) {
        // Malformed jobs cannot succeed on retry; leave them to the dead-letter queue for a person.
        logger.error('malformed outbound job', { messageId: record.messageId });
        failures.push({ itemIdentifier: record.messageId });
        continue;
      }
      // SQS counts deliveries: the attempt number survives redeliveries.
      const job = { ...parsed.data, attempt: Math.max(parsed.data.attempt, Number(record.attributes?.ApproximateReceiveCount ?? 1)) };
      try {
        const status = await deliverOutbound(deps, job);
        logger.info('outbound delivered', { sid: job.sid, status, attempt: job.attempt });
      } catch (error) {
        const log = (error as Error).name === 'RedeliveryRequested' ? logger.warn.bind(logger) : logger.error.bind(logger);
        log('outbound send deferred', { sid: job.sid, attempt: job.attempt, error: (error as Error).name });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    deps.metrics.flush();
    return { batchItemFailures: failures };
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const handler = createOutboundSender(lambdaSenderDeps);
