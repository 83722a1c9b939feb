import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InMemoryMetrics } from '../lambdas/adapters/local/in-memory-metrics.js';
import { InProcessEventBus } from '../lambdas/adapters/local/in-process-event-bus.js';
import { InProcessOutboundQueue } from '../lambdas/adapters/local/in-process-outbound-queue.js';
import { TwilioRestSender } from '../lambdas/adapters/twilio/twilio-rest-sender.js';
import { deliverOutbound } from '../lambdas/core/outbound/deliver-outbound.js';
import { createAgentApiHandler } from '../lambdas/handlers/agent-api.handler.js';
import { handler as consoleHandler } from '../lambdas/handlers/console.handler.js';
import { createTwilioMessagesHandler } from '../lambdas/handlers/twilio-messages.handler.js';
import { createTwilioStatusHandler } from '../lambdas/handlers/twilio-status.handler.js';
import { createTechnicianApiHandler } from '../lambdas/handlers/technician-api.handler.js';
import { parseTokenList, technicianTokenAuthenticator } from '../lambdas/http/technician-auth.js';
import { bearerTokenAuthenticator } from '../lambdas/http/agent-auth.js';
import { DynamoDirectoryRepository } from '../lambdas/adapters/dynamodb/directory-repository.js';
import { DynamoReportSource } from '../lambdas/adapters/dynamodb/report-source.js';
import { importDirectory } from '../lambdas/core/import/import-directory.js';
import { systemClock, type Clock } from '../lambdas/core/time/clock.js';
import { coreSettingsSchema, deskSettingsSchema, noticeSettingsSchema, readSettings, storeSettingsSchema } from '../lambdas/runtime/config.js';
import { conversationDeps } from '../lambdas/runtime/conversation-deps.factory.js';
import { logger } from '../lambdas/runtime/logger.js';
import { meteredDeliveries } from '../lambdas/runtime/metered.js';
import type { ConversationDeps } from '../lambdas/core/conversation/conversation-deps.js';
import type { AgentApiDeps, TechnicianApiDeps, WebhookDeps } from '../lambdas/runtime/deps.js';
import { localContext, toApiGatewayEvent, writeResult, type HttpLambda } from './api-gateway-event.js';
import { demoData } from './demo-data.js';
import { startLocalStore, type LocalStore } from './dynalite-store.js';
import { TwilioStandIn } from './twilio-stand-in.js';

/** Local defaults, documented in the README; every one can be overridden by env. */
export const LOCAL_DEFAULTS = {
  PORT: '3000',
  TWILIO_AUTH_TOKEN: 'local-twilio-auth-token',
  TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
  TWILIO_PHONE_NUMBER: '+15125550000',
  DYNAMODB_PORT: '8000',
  AGENT_TOKENS: 'ana:agent-ana-token,ben:agent-ben-token',
  TECHNICIAN_TOKENS: 'T-7:tech-t7-token,T-8:tech-t8-token',
} as const;

const localSettingsSchema = coreSettingsSchema
  .extend(storeSettingsSchema.shape)
  .extend(deskSettingsSchema.shape)
  .extend(noticeSettingsSchema.shape)
  .extend({
    TECHNICIAN_TOKENS: z.string().min(1).default(LOCAL_DEFAULTS.TECHNICIAN_TOKENS),
    TWILIO_AUTH_TOKEN: z.string().min(1).default(LOCAL_DEFAULTS.TWILIO_AUTH_TOKEN),
    TWILIO_ACCOUNT_SID: z.string().min(1).default(LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID),
    TWILIO_PHONE_NUMBER: z.string().min(1).default(LOCAL_DEFAULTS.TWILIO_PHONE_NUMBER),
    PUBLIC_BASE_URL: z.url().optional(),
    AGENT_TOKENS: z.string().min(1).default(LOCAL_DEFAULTS.AGENT_TOKENS),
    AGENT_SKILLS: z.string().default(''),
    OUTBOUND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  });

export interface LocalStackOptions {
  port?: number;
  /** Where dynalite persists; in memory when absent. */
  dataPath?: string;
  dynamoPort?: number;
  /** Load the demo data when the store has no customers. */
  seedDemo?: boolean;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /** Scales the outbound queue's retry delays (tests run backoffs in milliseconds). */
  queueDelayScale?: number;
  /** Wraps the core's ports before anything uses them (tests inject store faults here). */
  decorate?: (deps: ConversationDeps) => ConversationDeps;
}

export interface LocalStack {
  url: string;
  store: LocalStore;
  twilio: TwilioStandIn;
  settings: z.infer<typeof localSettingsSchema>;
  webhook: WebhookDeps;
  agentApi: AgentApiDeps;
  events: InProcessEventBus;
  outbound: InProcessOutboundQueue;
  /** What the Lambda functions would have published as metrics. */
  metrics: InMemoryMetrics;
  close(): Promise<void>;
}

type Route = {
  method: string;
  pattern: RegExp;
  handle: (request: IncomingMessage, response: ServerResponse, params: Record<string, string>) => Promise<void>;
};

const pagesDir = fileURLToPath(new URL('./pages/', import.meta.url));

/**
 * The whole product on one machine: the embedded store, the same Lambda handlers behind
 * a local HTTP server, the Twilio stand-in and the phone simulator.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const settings = readSettings(localSettingsSchema, options.env ?? process.env);
  const clock = options.clock ?? systemClock;
  const store = await startLocalStore({
    path: options.dataPath,
    port: options.dynamoPort ?? 0,
    tables: { directory: settings.DIRECTORY_TABLE, conversations: settings.CONVERSATIONS_TABLE },
  });

  let url = '';
  const publicBaseUrl = () => settings.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? url;
  const events = new InProcessEventBus();
  const outbound = new InProcessOutboundQueue({ maxReceives: 5, delayScale: options.queueDelayScale ?? 1 });
  const wired = conversationDeps(store.client, settings, events, clock);
  const conversation = options.decorate ? options.decorate(wired) : wired;
  const twilio = new TwilioStandIn({
    authToken: settings.TWILIO_AUTH_TOKEN,
    accountSid: settings.TWILIO_ACCOUNT_SID,
    publicBaseUrl,
    serverUrl: () => url,
    companyNumber: settings.TWILIO_PHONE_NUMBER,
  });
  const metrics = new InMemoryMetrics();
  const delivery = { conversations: meteredDeliveries(conversation.conversations, metrics), outbound, maxAttempts: settings.OUTBOUND_MAX_ATTEMPTS };
  const webhook: WebhookDeps = {
    conversation,
    delivery,
    twilioAuthToken: async () => settings.TWILIO_AUTH_TOKEN,
    get publicBaseUrl() {
      return publicBaseUrl();
    },
    metrics,
  };
  const agentApi: AgentApiDeps = {
    desk: { ...conversation, outbound, desk: { maxChatsPerAgent: settings.AGENT_MAX_CHATS, idleMinutes: settings.QUEUE_IDLE_MINUTES } },
    authenticate: bearerTokenAuthenticator(settings.AGENT_TOKENS, settings.AGENT_SKILLS),
    report: new DynamoReportSource(store.client, settings.CONVERSATIONS_TABLE),
    metrics,
  };
  const technicianApi: TechnicianApiDeps = {
    notices: { ...conversation, outbound, quietHours: settings.QUIET_HOURS },
    authenticate: technicianTokenAuthenticator(async () => parseTokenList(settings.TECHNICIAN_TOKENS)),
  };
  // The sender is the real Twilio adapter, pointed at the stand-in's REST API over HTTP.
  let sender: TwilioRestSender | undefined;
  outbound.consume((job) => {
    sender ??= new TwilioRestSender({
      accountSid: settings.TWILIO_ACCOUNT_SID,
      authToken: settings.TWILIO_AUTH_TOKEN,
      from: settings.TWILIO_PHONE_NUMBER,
      statusCallbackUrl: `${publicBaseUrl()}/webhooks/twilio/status`,
      apiBaseUrl: url,
    });
    return deliverOutbound({ ...delivery, sender }, job).finally(() => metrics.flush());
  });

  if (options.seedDemo) {
    const directory = new DynamoDirectoryRepository(store.client, settings.DIRECTORY_TABLE);
    if (!(await directory.getCustomer('C-1001'))) await importDirectory(directory, demoData(clock.now(), settings.BUSINESS_TIMEZONE));
  }

  const lambda = (name: string, fn: HttpLambda) => async (request: IncomingMessage, response: ServerResponse, params: Record<string, string>) => {
    const event = await toApiGatewayEvent(request, `${request.method} ${request.url}`, params);
    writeResult(response, await fn(event, localContext(name)));
  };

  const agentHandler = lambda('agent-api', createAgentApiHandler(() => agentApi) as HttpLambda);
  const routes: Route[] = [
    { method: 'POST', pattern: /^\/webhooks\/twilio\/messages$/, handle: lambda('twilio-messages', createTwilioMessagesHandler(() => webhook) as HttpLambda) },
    { method: 'POST', pattern: /^\/webhooks\/twilio\/status$/, handle: lambda('twilio-status', createTwilioStatusHandler(() => webhook) as HttpLambda) },
    { method: 'GET', pattern: /^\/api\/agent\//, handle: agentHandler },
    { method: 'POST', pattern: /^\/api\/agent\//, handle: agentHandler },
    { method: 'POST', pattern: /^\/api\/(technicians|jobs)\//, handle: lambda('technician-api', createTechnicianApiHandler(() => technicianApi) as HttpLambda) },
    { method: 'GET', pattern: /^\/console$/, handle: lambda('console', consoleHandler as HttpLambda) },
    { method: 'POST', pattern: /^\/2010-04-01\/Accounts\/[^/]+\/Messages\.json$/, handle: async (request, response) => {
      const form = new URLSearchParams(await readBody(request));
      const { status, body } = await twilio.handleRestCreate(request.headers.authorization, form);
      json(response, status, body);
    } },
    { method: 'GET', pattern: /^\/phone$/, handle: page('phone.html') },
    { method: 'GET', pattern: /^\/local\/outbox$/, handle: async (request, response) => {
      const to = new URL(request.url ?? '/', 'http://local').searchParams.get('to') ?? undefined;
      json(response, 200, twilio.listOutbox(to));
    } },
    { method: 'GET', pattern: /^\/local\/phone\/thread$/, handle: async (request, response) => {
      const number = new URL(request.url ?? '/', 'http://local').searchParams.get('number') ?? '';
      json(response, 200, { sent: twilio.listInbox(number), received: twilio.listOutbox(number) });
    } },
    { method: 'POST', pattern: /^\/local\/phone\/send$/, handle: async (request, response) => {
      const parsed = phoneTextSchema.safeParse(await readJson(request));
      if (!parsed.success) return json(response, 400, { error: parsed.error.issues.map((i) => i.message).join('; ') });
      const { status, replies } = await twilio.deliverInbound(parsed.data.from, parsed.data.body);
      json(response, 200, { webhookStatus: status, replies });
    } },
    { method: 'GET', pattern: /^\/healthz$/, handle: async (_request, response) => json(response, 200, { ok: true }) },
  ];

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    const route = routes.find((r) => r.method === request.method && r.pattern.test(path));
    if (!route) return json(response, 404, { error: `No route for ${request.method} ${path}` });
    const params = path.match(route.pattern)?.groups ?? {};
    route.handle(request, response, params).catch((error: unknown) => {
      logger.error('local server error', { error: { name: (error as Error).name, message: (error as Error).message } });
      if (!response.headersSent) json(response, 500, { error: 'Internal error' });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  url = `http://localhost:${(server.address() as AddressInfo).port}`;

  return {
    url,
    store,
    twilio,
    settings,
    webhook,
    agentApi,
    events,
    outbound,
    metrics,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

const phoneTextSchema = z.object({
  from: z.string().regex(/^(whatsapp:)?\+\d{8,15}$/, 'from must be +E.164 or whatsapp:+E.164'),
  body: z.string().min(1, 'body is empty').max(1600, 'body is over 1,600 characters'),
});

function page(file: string) {
  return async (_request: IncomingMessage, response: ServerResponse) => {
    const html = await readFile(`${pagesDir}${file}`, 'utf8');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readBody(request));
  } catch {
    return undefined;
  }
}
