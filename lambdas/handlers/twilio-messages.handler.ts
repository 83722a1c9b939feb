import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { messagingTwiml } from '../adapters/twilio/twiml.js';
import { handleInboundMessage, StillProcessingError } from '../core/conversation/handle-inbound-message.js';
import { withDeadline } from '../http/deadline.js';
import { maskPhone } from '../core/phone/phone-number.js';
import { twilioWebhookChain } from '../http/twilio-webhook.chain.js';
import { parseTwilioInbound } from '../http/twilio-message.schema.js';
import { lambdaWebhookDeps } from '../runtime/lambda/webhook.root.js';
import { logger } from '../runtime/logger.js';
import { recordInbound, watchInbound } from '../runtime/metered.js';
import { once, type WebhookDeps } from '../runtime/deps.js';

/** The webhook answers within this, well under Twilio's 15 s timeout. */
export const WEBHOOK_BUDGET_MS = 4_500;

/** POST /webhooks/twilio/messages: an inbound SMS or WhatsApp text, answered with TwiML. */
export function createTwilioMessagesHandler(getDeps: () => WebhookDeps) {
  // Built on the first request, so importing this module reads no configuration.
  const build = once(() => chain(getDeps()));
  return (event: APIGatewayProxyEventV2, context: Context) => build()(event, context);
}

function chain(deps: WebhookDeps) {
  return twilioWebhookChain({ authToken: deps.twilioAuthToken, publicBaseUrl: deps.publicBaseUrl, metrics: deps.metrics }).handler(async (event) => {
    const started = performance.now();
    const message = parseTwilioInbound(event.body);
    // Observed for the metrics: in/out, automated or escalated, intent, latency.
    const watched = watchInbound(deps.conversation);
    const work = handleInboundMessage(watched.deps, { sid: message.MessageSid, from: message.From, body: message.Body });
    // Twilio waits 15 s; answering within the budget (with a 503 if need be) keeps its retry useful.
    const { reply } = await withDeadline(work, WEBHOOK_BUDGET_MS, () => new StillProcessingError(message.MessageSid));
    recordInbound(deps.metrics, watched.seen, reply, performance.now() - started);
    logger.info('inbound answered', { sid: message.MessageSid, from: maskPhone(message.From.phone), replied: reply !== null });
    return { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: messagingTwiml(reply) };
  });
}

export const handler = createTwilioMessagesHandler(lambdaWebhookDeps);
