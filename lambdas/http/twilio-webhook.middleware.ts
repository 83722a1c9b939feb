import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isValidTwilioSignature, type FormParams } from '../adapters/twilio/signature.js';
import { BadRequestError, ForbiddenError } from './http-errors.js';

/** Twilio's bodies are a few kB; anything near this is not a Twilio message. */
export const MAX_FORM_BYTES = 64 * 1024;
const FORM_TYPE = /^application\/x-www-form-urlencoded(\s*;.*)?$/i;

/** After the urlencoded body parser, `body` holds the parsed form, not a string. */
type Event = APIGatewayProxyEventV2;

/**
 * Refuses what cannot be a Twilio webhook before anything parses it: a wrong content
 * type or an oversize body is a 400 with the reason.
 */
export function requireFormBody(): MiddlewareObj<Event> {
  return {
    before: async ({ event }) => {
      const contentType = event.headers?.['content-type'] ?? '';
      if (!FORM_TYPE.test(contentType)) {
        throw new BadRequestError('Content-Type must be application/x-www-form-urlencoded');
      }
      const raw = event.body ?? '';
      const bytes = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw);
      if (bytes > MAX_FORM_BYTES) throw new BadRequestError(`Body larger than ${MAX_FORM_BYTES} bytes`);
    },
  };
}

export interface TwilioSignatureOptions {
  /** Resolves the account's auth token (fetched once per container on AWS). */
  authToken: () => Promise<string>;
  /** The public URL Twilio calls, without the path: never rebuilt from request headers. */
  publicBaseUrl: string;
}

/**
 * Checks `X-Twilio-Signature` over `publicBaseUrl + path` and the parsed form. Runs after
 * the urlencoded body parser and before any validation or write.
 */
export function twilioSignature(options: TwilioSignatureOptions): MiddlewareObj<Event> {
  return {
    before: async ({ event }) => {
      const signature = event.headers?.['x-twilio-signature'];
      if (!signature) throw new BadRequestError('Missing X-Twilio-Signature header');
      const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
      const url = `${options.publicBaseUrl}${event.rawPath}${query}`;
      const params = (event.body ?? {}) as unknown as FormParams;
      if (!isValidTwilioSignature(await options.authToken(), signature, url, params)) {
        throw new ForbiddenError('Invalid Twilio signature');
      }
    },
  };
}
