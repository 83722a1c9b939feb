import { z } from 'zod';
import { readSettings, webhookSettingsSchema } from '../config.js';
import { once, type WebhookDeps } from '../deps.js';
import { meteredDeliveries } from '../metered.js';
import { lambdaMetrics, lambdaShared, secretValue } from './shared.js';

/** Composition root of the Twilio webhooks (messages and status) on AWS Lambda. */
export const lambdaWebhookDeps = once((): WebhookDeps => {
  const { settings, conversation, outbound } = lambdaShared();
  const own = readSettings(webhookSettingsSchema.extend({ TWILIO_AUTH_TOKEN_SECRET_ID: z.string().min(1) }));
  return {
    conversation,
    delivery: { conversations: meteredDeliveries(conversation.conversations, lambdaMetrics()), outbound, maxAttempts: settings.OUTBOUND_MAX_ATTEMPTS },
    twilioAuthToken: secretValue(own.TWILIO_AUTH_TOKEN_SECRET_ID),
    publicBaseUrl: own.PUBLIC_BASE_URL,
    metrics: lambdaMetrics(),
  };
});
