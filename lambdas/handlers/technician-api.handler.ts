import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { reportJobStatus, reportLocation } from '../core/field/technician-updates.js';
import { parseJsonBody, pathId } from '../http/agent-api.schema.js';
import { errorHandler } from '../http/error-handler.middleware.js';
import { NotFoundError } from '../http/http-errors.js';
import { jobStatusSchema, locationSchema } from '../http/technician-api.schema.js';
import { lambdaTechnicianApiDeps } from '../runtime/lambda/technician-api.root.js';
import { once, type TechnicianApiDeps } from '../runtime/deps.js';

/** The technician app (SPEC §2): location pings and job status changes, per-technician tokens. */
export function createTechnicianApiHandler(getDeps: () => TechnicianApiDeps) {
  const build = once(() => chain(getDeps()));
  return (event: APIGatewayProxyEventV2, context: Context) => build()(event, context);
}

function chain(deps: TechnicianApiDeps) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpHeaderNormalizer())
    .use(errorHandler())
    .handler(async (event) => {
      const caller = await deps.authenticate(event);
      const method = event.requestContext.http.method;
      const location = event.rawPath.match(/^\/api\/technicians\/([^/]+)\/location$/);
      if (method === 'POST' && location) {
        const ping = parseJsonBody(locationSchema(deps.notices.clock.now()), event.body);
        const result = await reportLocation(deps.notices, caller, pathId(location[1]), ping);
        return json(result.stored ? 200 : 202, result.stored ? result : { ...result, ignored: 'an equal or newer location is stored' });
      }
      const job = event.rawPath.match(/^\/api\/jobs\/([^/]+)\/status$/);
      if (method === 'POST' && job) {
        const { status } = parseJsonBody(jobStatusSchema, event.body);
        return json(200, await reportJobStatus(deps.notices, caller, pathId(job[1]), status));
      }
      throw new NotFoundError(`No route for ${method} ${event.rawPath}`);
    });
}

function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export const handler = createTechnicianApiHandler(lambdaTechnicianApiDeps);
