import { z } from 'zod';
import { TwilioRestSender } from '../../adapters/twilio/twilio-rest-sender.js';
import type { OutboundQueue } from '../../core/ports.js';
import { readSettings, twilioAccountSchema, webhookSettingsSchema } from '../config.js';
import { meteredDeliveries } from '../metered.js';
import { onceAsync, type SenderDeps } from '../deps.js';
import { lambdaMetrics, lambdaShared, secretValue } from './shared.js';

/** Composition root of the outbound sender (SQS consumer) on AWS Lambda. */
export const lambdaSenderDeps = onceAsync(async (): Promise<SenderDeps> => {
  const { settings, conversation } = lambdaShared();
  const own = readSettings(
    twilioAccountSchema.extend(webhookSettingsSchema.shape).extend({ TWILIO_AUTH_TOKEN_SECRET_ID: z.string().min(1) }),
  );
  const sender = new TwilioRestSender({
    accountSid: own.TWILIO_ACCOUNT_SID,
    authToken: await secretValue(own.TWILIO_AUTH_TOKEN_SECRET_ID)(),
    from: own.TWILIO_PHONE_NUMBER,
    statusCallbackUrl: `${own.PUBLIC_BASE_URL}/webhooks/twilio/status`,
  });
  // A transient failure is retried by SQS itself: the message becomes visible again after the
  // visibility timeout, and after the redrive limit lands in the dead-letter queue.
  const redeliver: OutboundQueue = {
    enqueue: () => Promise.reject(new RedeliveryRequested('transient send failure: let SQS redeliver')),
  };
  const metrics = lambdaMetrics();
  return { conversations: meteredDeliveries(conversation.conversations, metrics), sender, outbound: redeliver, maxAttempts: settings.OUTBOUND_MAX_ATTEMPTS, metrics };
});

/** Thrown to hand a message back to SQS for a later attempt (not an error to alarm on). */
export class RedeliveryRequested extends Error {
  override readonly name = 'RedeliveryRequested';
}
