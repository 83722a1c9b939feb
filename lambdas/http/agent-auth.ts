import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { LANGUAGES, isLanguage, type Language } from '../core/domain/language.js';
import type { Agent } from '../core/handoff/agent-desk.js';
import { UnauthorizedError } from './http-errors.js';
import { parsePairs } from './token-list.js';

/** Finds the calling agent, or throws 401. */
export type AgentAuthenticator = (event: APIGatewayProxyEventV2) => Agent;

/**
 * Locally: `Authorization: Bearer <token>` checked against AGENT_TOKENS (`name:token,...`),
 * skills from AGENT_SKILLS (`name:en|es,...`).
 */
export function bearerTokenAuthenticator(tokens: string, skills = ''): AgentAuthenticator {
  const byToken = new Map(parsePairs(tokens).map(([name, token]) => [token, name]));
  const languages = new Map(
    parsePairs(skills).map(([name, list]) => [name, list.split('|').filter(isLanguage)] as [string, Language[]]),
  );
  return (event) => {
    const header = event.headers?.authorization ?? '';
    const token = header.match(/^Bearer\s+(\S+)$/i)?.[1];
    const name = token ? byToken.get(token) : undefined;
    if (!name) throw new UnauthorizedError();
    return { name, languages: languages.get(name) ?? LANGUAGES };
  };
}

/**
 * On AWS the API's JWT authorizer (Cognito) has already checked the token; the agent is
 * the token's user, skills from the optional `custom:languages` claim ("en|es").
 */
export function jwtClaimsAuthenticator(): AgentAuthenticator {
  return (event) => {
    const claims = (event as APIGatewayProxyEventV2WithJWTAuthorizer).requestContext?.authorizer?.jwt?.claims ?? {};
    const name = claims['cognito:username'] ?? claims.username;
    if (typeof name !== 'string' || name === '') throw new UnauthorizedError();
    const listed = typeof claims['custom:languages'] === 'string' ? claims['custom:languages'].split('|').filter(isLanguage) : [];
    return { name, languages: listed.length > 0 ? listed : LANGUAGES };
  };
}
