import { DynamoReportSource } from '../../adapters/dynamodb/report-source.js';
import { jwtClaimsAuthenticator } from '../../http/agent-auth.js';
import { deskSettingsSchema, readSettings } from '../config.js';
import { once, type AgentApiDeps } from '../deps.js';
import { lambdaMetrics, lambdaShared } from './shared.js';

/** Composition root of the agent API on AWS Lambda: agents are Cognito users (JWT authorizer). */
export const lambdaAgentApiDeps = once((): AgentApiDeps => {
  const { settings, client, conversation, outbound } = lambdaShared();
  const desk = readSettings(deskSettingsSchema);
  return {
    desk: { ...conversation, outbound, desk: { maxChatsPerAgent: desk.AGENT_MAX_CHATS, idleMinutes: desk.QUEUE_IDLE_MINUTES } },
    authenticate: jwtClaimsAuthenticator(),
    report: new DynamoReportSource(client, settings.CONVERSATIONS_TABLE),
    metrics: lambdaMetrics(),
  };
});
