import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from './http-errors.js';
import { parsePairs } from './token-list.js';

/** Finds the calling technician from `Authorization: Bearer <token>`, or throws 401. */
export type TechnicianAuthenticator = (event: APIGatewayProxyEventV2) => Promise<string>;

/**
 * Per-technician tokens: `{ "T-7": "token", … }` (locally parsed from TECHNICIAN_TOKENS
 * `T-7:token,…`; on AWS read from Secrets Manager). Compared in constant time.
 */
export function technicianTokenAuthenticator(tokens: () => Promise<Record<string, string>>): TechnicianAuthenticator {
  return async (event) => {
    const presented = (event.headers?.authorization ?? '').match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!presented) throw new UnauthorizedError();
    for (const [technicianId, token] of Object.entries(await tokens())) {
      const a = Buffer.from(token);
      const b = Buffer.from(presented);
      if (a.length === b.length && timingSafeEqual(a, b)) return technicianId;
    }
    throw new UnauthorizedError();
  };
}

export function parseTokenList(text: string): Record<string, string> {
  return Object.fromEntries(parsePairs(text));
}
