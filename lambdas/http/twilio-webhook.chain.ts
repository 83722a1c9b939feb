import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { MetricsRecorder } from '../core/metrics.js';
import { errorHandler } from './error-handler.middleware.js';
import { flushMetrics } from './metrics.middleware.js';
import { requireFormBody, twilioSignature, type TwilioSignatureOptions } from './twilio-webhook.middleware.js';

/**
 * The middleware every Twilio webhook runs before its handler: header normaliser, form
 * checks, urlencoded body parser, signature check, error mapping, and the invocation's
 * metrics published at its end. Nothing is written before the signature holds.
 */
export function twilioWebhookChain(options: TwilioSignatureOptions & { metrics: MetricsRecorder }) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpHeaderNormalizer())
    .use(errorHandler())
    .use(requireFormBody())
    // Typed by middy for REST API events; the parsing is the same for HTTP API payloads.
    .use(httpUrlencodeBodyParser() as unknown as MiddlewareObj<APIGatewayProxyEventV2>)
    .use(twilioSignature(options))
    .use(flushMetrics(options.metrics));
}
