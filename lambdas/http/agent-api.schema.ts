import { z } from 'zod';
import { LANGUAGES } from '../core/domain/language.js';
import { MAX_BODY_LENGTH } from '../core/text/sms-encoding.js';
import { BadRequestError } from './http-errors.js';

export const queueQuerySchema = z.object({
  status: z.enum(['waiting', 'assigned'], { error: 'status must be waiting or assigned' }).default('waiting'),
  mine: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  language: z.enum(LANGUAGES, { error: 'language must be en or es' }).optional(),
});

export const replySchema = z.object({
  body: z
    .string({ error: 'body is required' })
    .refine((body) => body.trim().length > 0, 'body is empty')
    .refine((body) => body.length <= MAX_BODY_LENGTH, `body is over ${MAX_BODY_LENGTH} characters`),
});

export const closeSchema = z.object({ csat: z.boolean().default(false) });

/** Parses a JSON body once at the edge; a bad body is a 400 naming the problem. */
export function parseJsonBody<S extends z.ZodType>(schema: S, raw: string | undefined, optional = false): z.infer<S> {
  let value: unknown = {};
  if (raw !== undefined && raw.trim() !== '') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new BadRequestError('The body is not valid JSON');
    }
  } else if (!optional) {
    throw new BadRequestError('A JSON body is required');
  }
  return parseWith(schema, value);
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadRequestError(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}

/** A path segment (an id) decoded, or a 400 when its percent-escapes are malformed. */
export function pathId(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    throw new BadRequestError('The id in the path is not valid percent-encoding');
  }
}
