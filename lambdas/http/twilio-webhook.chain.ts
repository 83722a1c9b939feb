import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { errorHandler } from './error-handler.middleware.js';
import { requireFormBody, twilioSignature, type TwilioSignatureOptions } from './twilio-webhook.middleware.js';

/**
 * The middleware every Twilio webhook runs before its handler: header normaliser, form
 * checks, urlencoded body parser, signature check, error mapping. Nothing is written
 * before the signature holds.
 */
export function twilioWebhookChain(options: TwilioSignatureOptions) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpHeaderNormalizer())
    .use(errorHandler())
    .use(requireFormBody())
    // Typed by middy for REST API events; the parsing is the same for HTTP API payloads.
    .use(httpUrlencodeBodyParser() as unknown as MiddlewareObj<APIGatewayProxyEventV2>)
    .use(twilioSignature(options));
}
