import type { LocalStack } from '../../local/local-stack.js';

export const ANA_TOKEN = 'agent-ana-token';
export const BEN_TOKEN = 'agent-ben-token';

/** Calls the agent API as an agent (the console's calls). */
export async function agentCall(stack: LocalStack, token: string | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${stack.url}/api/agent${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
}
