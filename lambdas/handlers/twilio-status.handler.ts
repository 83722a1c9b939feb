import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { recordDeliveryStatus } from '../core/outbound/record-delivery-status.js';
import { toDeliveryStatus } from '../adapters/twilio/delivery-status.js';
import { twilioWebhookChain } from '../http/twilio-webhook.chain.js';
import { parseTwilioStatus } from '../http/twilio-status.schema.js';
import { lambdaWebhookDeps } from '../runtime/lambda/webhook.root.js';
import { logger } from '../runtime/logger.js';
import { once, type WebhookDeps } from '../runtime/deps.js';

/** POST /webhooks/twilio/status: delivery updates for messages sent through the REST API. */
export function createTwilioStatusHandler(getDeps: () => WebhookDeps) {
  const build = once(() => chain(getDeps()));
  return (event: APIGatewayProxyEventV2, context: Context) => build()(event, context);
}

function chain(deps: WebhookDeps) {
  return twilioWebhookChain({ authToken: deps.twilioAuthToken, publicBaseUrl: deps.publicBaseUrl, metrics: deps.metrics }).handler(async (event) => {
    const update = parseTwilioStatus(event.body);
    const outcome = await recordDeliveryStatus(deps.delivery, {
      twilioSid: update.MessageSid,
      status: toDeliveryStatus(update.MessageStatus),
      errorCode: update.ErrorCode || undefined,
      errorMessage: update.ErrorMessage,
    });
    logger.info('delivery status', { sid: update.MessageSid, status: update.MessageStatus, errorCode: update.ErrorCode, outcome });
    return { statusCode: 204, body: '' };
  });
}

export const handler = createTwilioStatusHandler(lambdaWebhookDeps);
