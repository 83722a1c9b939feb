import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { messagingTwiml } from '../adapters/twilio/twiml.js';
import { handleInboundMessage } from '../core/conversation/handle-inbound-message.js';
import { maskPhone } from '../core/phone/phone-number.js';
import { twilioWebhookChain } from '../http/twilio-webhook.chain.js';
import { parseTwilioInbound } from '../http/twilio-message.schema.js';
import { lambdaWebhookDeps } from '../runtime/lambda/webhook.root.js';
import { logger } from '../runtime/logger.js';
import { once, type WebhookDeps } from '../runtime/webhook-deps.js';

/** POST /webhooks/twilio/messages: an inbound SMS or WhatsApp text, answered with TwiML. */
export function createTwilioMessagesHandler(getDeps: () => WebhookDeps) {
  // Built on the first request, so importing this module reads no configuration.
  const build = once(() => chain(getDeps()));
  return (event: APIGatewayProxyEventV2, context: Context) => build()(event, context);
}

function chain(deps: WebhookDeps) {
  return twilioWebhookChain({ authToken: deps.twilioAuthToken, publicBaseUrl: deps.publicBaseUrl }).handler(async (event) => {
    const message = parseTwilioInbound(event.body);
    const { reply } = await handleInboundMessage(deps.conversation, {
      sid: message.MessageSid,
      from: message.From,
      body: message.Body,
    });
    logger.info('inbound answered', { sid: message.MessageSid, from: maskPhone(message.From.phone), replied: reply !== null });
    return { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: messagingTwiml(reply) };
  });
}

export const handler = createTwilioMessagesHandler(lambdaWebhookDeps);
