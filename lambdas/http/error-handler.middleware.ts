import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { StillProcessingError } from '../core/conversation/handle-inbound-message.js';
import { ChatConflictError, ChatNotFoundError } from '../core/errors/desk-errors.js';
import { InvalidTransitionError, NotYourJobError, UnknownRecordError } from '../core/field/technician-updates.js';
import { logger } from '../runtime/logger.js';
import { HttpError } from './http-errors.js';

interface Mapped {
  statusCode: number;
  error: string;
  code?: string;
}

/**
 * The one place errors become HTTP responses: typed errors map to their status with their
 * message; anything else is a 500 that says nothing of the internals (and is logged).
 */
export function toHttpError(error: unknown): Mapped {
  if (error instanceof HttpError) return { statusCode: error.statusCode, error: error.message };
  if (error instanceof ChatNotFoundError) return { statusCode: 404, error: error.message, code: 'not_found' };
  if (error instanceof ChatConflictError) return { statusCode: 409, error: error.message, code: error.code };
  // Deliberate: Twilio retries (or calls the fallback URL) rather than take an empty answer.
  if (error instanceof StillProcessingError) return { statusCode: 503, error: 'Still processing this message; retry', code: 'retry' };
  if (error instanceof UnknownRecordError) return { statusCode: 404, error: error.message, code: 'not_found' };
  if (error instanceof NotYourJobError) return { statusCode: 403, error: error.message, code: 'forbidden' };
  if (error instanceof InvalidTransitionError) return { statusCode: 409, error: error.message, code: 'invalid_transition' };
  const { statusCode, expose, message } = error as { statusCode?: number; expose?: boolean; message?: string };
  // middy's own errors (e.g. a malformed form body) carry a status and `expose`.
  if (statusCode && statusCode < 500 && expose !== false) return { statusCode: statusCode === 415 ? 400 : statusCode, error: message ?? 'Bad request' };
  return { statusCode: 500, error: 'Internal error' };
}

export function errorHandler(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      const mapped = toHttpError(request.error);
      const { name, message } = (request.error ?? {}) as { name?: string; message?: string };
      if (mapped.statusCode >= 500 && mapped.statusCode !== 503) logger.error('request failed', { error: { name, message, stack: (request.error as Error)?.stack } });
      else logger.warn('request refused', { status: mapped.statusCode, error: name, reason: mapped.error });
      request.response = {
        statusCode: mapped.statusCode,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(mapped.code ? { error: mapped.error, code: mapped.code } : { error: mapped.error }),
      };
    },
  };
}
