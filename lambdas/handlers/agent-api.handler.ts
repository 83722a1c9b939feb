import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { claimChat, closeChat, getChat, listChats, replyToChat, type Agent } from '../core/handoff/agent-desk.js';
import { closeSchema, parseJsonBody, parseWith, pathId, queueQuerySchema, replySchema } from '../http/agent-api.schema.js';
import { buildReport } from '../core/report/build-report.js';
import { errorHandler } from '../http/error-handler.middleware.js';
import { flushMetrics } from '../http/metrics.middleware.js';
import { reportRangeSchema } from '../http/report.schema.js';
import { NotFoundError } from '../http/http-errors.js';
import { lambdaAgentApiDeps } from '../runtime/lambda/agent-api.root.js';
import { once, type AgentApiDeps } from '../runtime/deps.js';

type Event = APIGatewayProxyEventV2;
type Route = [method: string, path: RegExp, run: (deps: AgentApiDeps, agent: Agent, event: Event, id: string) => Promise<[number, unknown]>];

/** `/api/agent/*` (SPEC §3): the queue, one chat, claim, reply, close; and the supervisors' report. */
const routes: Route[] = [
  ['GET', /^\/api\/agent\/conversations$/, async (deps, agent, event) => {
    const query = parseWith(queueQuerySchema, event.queryStringParameters ?? {});
    return [200, { conversations: await listChats(deps.desk, agent, query) }];
  }],
  ['GET', /^\/api\/agent\/conversations\/([^/]+)$/, async (deps, agent, _event, id) => [200, await getChat(deps.desk, agent, id)]],
  ['POST', /^\/api\/agent\/conversations\/([^/]+)\/claim$/, async (deps, agent, _event, id) => {
    const chat = await claimChat(deps.desk, agent, id);
    if (chat.waitingSince && chat.assignedAt) deps.metrics.duration('QueueWait', Date.parse(chat.assignedAt) - Date.parse(chat.waitingSince));
    return [200, chat];
  }],
  ['POST', /^\/api\/agent\/conversations\/([^/]+)\/messages$/, async (deps, agent, event, id) => {
    const { body } = parseJsonBody(replySchema, event.body);
    return [201, { message: await replyToChat(deps.desk, agent, id, body) }];
  }],
  ['POST', /^\/api\/agent\/conversations\/([^/]+)\/close$/, async (deps, agent, event, id) => {
    const options = parseJsonBody(closeSchema, event.body, true);
    return [200, await closeChat(deps.desk, agent, id, options)];
  }],
  ['GET', /^\/api\/agent\/report$/, async (deps, _agent, event) => {
    const range = parseWith(reportRangeSchema, event.queryStringParameters ?? {});
    return [200, await buildReport(deps.report, { ...range, timeZone: deps.desk.settings.timeZone })];
  }],
];

export function createAgentApiHandler(getDeps: () => AgentApiDeps) {
  const build = once(() => chain(getDeps()));
  return (event: Event, context: Context) => build()(event, context);
}

function chain(deps: AgentApiDeps) {
  return middy<Event, APIGatewayProxyStructuredResultV2>()
    .use(httpHeaderNormalizer())
    .use(errorHandler())
    .use(flushMetrics(deps.metrics))
    .handler(async (event) => {
      const agent = deps.authenticate(event);
      const method = event.requestContext.http.method;
      for (const [routeMethod, pattern, run] of routes) {
        const match = event.rawPath.match(pattern);
        if (match && routeMethod === method) {
          const [status, body] = await run(deps, agent, event, pathId(match[1]));
          return { statusCode: status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
        }
      }
      throw new NotFoundError(`No route for ${method} ${event.rawPath}`);
    });
}

export const handler = createAgentApiHandler(lambdaAgentApiDeps);
