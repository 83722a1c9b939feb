import middy, { type MiddlewareObj } from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { messagingTwiml } from '../adapters/twilio/twiml.js';
import { handleInboundMessage } from '../core/conversation/handle-inbound-message.js';
import { maskPhone } from '../core/phone/phone-number.js';
import { parseTwilioInbound } from '../http/twilio-message.schema.js';
import { requireFormBody, twilioSignature } from '../http/twilio-webhook.middleware.js';
import { lambdaWebhookDeps } from '../runtime/lambda-runtime.js';
import { logger } from '../runtime/logger.js';
import { once, type WebhookDeps } from '../runtime/webhook-deps.js';

/** POST /webhooks/twilio/messages: an inbound SMS or WhatsApp text, answered with TwiML. */
export function createTwilioMessagesHandler(getDeps: () => WebhookDeps) {
  // Built on the first request, so importing this module reads no configuration.
  const build = once(() => chain(getDeps()));
  return (event: APIGatewayProxyEventV2, context: Context) => build()(event, context);
}

function chain(deps: WebhookDeps) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(httpHeaderNormalizer())
    .use(requireFormBody())
    // Typed by middy for REST API events; the parsing is the same for HTTP API payloads.
    .use(httpUrlencodeBodyParser() as unknown as MiddlewareObj<APIGatewayProxyEventV2>)
    .use(twilioSignature({ authToken: deps.twilioAuthToken, publicBaseUrl: deps.publicBaseUrl }))
    .use(httpErrorHandler({ logger: (error) => logger.warn('request refused', { error: errorSummary(error) }) }))
    .handler(async (event) => {
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

function errorSummary(error: unknown) {
  const { name, message, statusCode } = error as { name?: string; message?: string; statusCode?: number };
  return { name, message, statusCode };
}

export const handler = createTwilioMessagesHandler(lambdaWebhookDeps);
