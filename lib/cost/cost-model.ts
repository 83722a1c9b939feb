/**
 * Monthly AWS cost of one Switchboard environment for a given message volume.
 *
 * A pure function of the workload (how many conversations, how many texts each, how many go to
 * a person) and of each function's measured duration and memory, priced with the public
 * on-demand prices of us-east-1 below. Free tiers are ignored (they belong to the account,
 * not to the product), so the figure is what the volume costs on an account already past them.
 * Twilio's own charges (per SMS/WhatsApp message) are not AWS costs and are not included.
 */

/**
 * Public on-demand prices, us-east-1, USD, as of 2026-11 (from the AWS pricing pages of Lambda,
 * API Gateway, DynamoDB, SNS, SQS, KMS, CloudWatch, X-Ray and Secrets Manager; first tier of
 * each, free tiers excluded). Check them again before quoting a customer.
 */
export const PRICES = {
  asOf: '2026-11',
  region: 'us-east-1',
  /** Lambda, Arm: per GB-second (first 7.5 billion GB-s) and per request. INIT is billed since 2025-08. */
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerRequest: 0.2 / 1e6,
  /** API Gateway HTTP API, per request (first 300 million; each 512 KB counts as one). */
  httpApiPerRequest: 1.0 / 1e6,
  /** DynamoDB on-demand, Standard table class. */
  dynamoPerWriteUnit: 0.625 / 1e6,
  dynamoPerReadUnit: 0.125 / 1e6,
  /** SNS standard topic publish (each 64 KB chunk is one request); delivery to SQS/Lambda is free. */
  snsPerPublish: 0.5 / 1e6,
  /** SQS standard queue, per request (each 64 KB chunk is one request). */
  sqsPerRequest: 0.4 / 1e6,
  kmsPerRequest: 0.03 / 10_000,
  kmsPerKeyMonth: 1.0,
  /** CloudWatch Logs ingestion (standard class), per GiB. */
  logsPerGiBIngested: 0.5,
  xrayPerTraceRecorded: 5.0 / 1e6,
  cloudWatchPerAlarmMetric: 0.1,
  cloudWatchPerDashboard: 3.0,
  cloudWatchPerCustomMetric: 0.3,
  secretsManagerPerSecretMonth: 0.4,
} as const;

export type FunctionName = 'twilioMessages' | 'twilioStatus' | 'agentApi' | 'console' | 'technicianApi' | 'outboundSender';

export interface FunctionProfile {
  /** Mean billed duration of one warm invocation, in ms (CloudWatch `Duration` average); the sender's is per message. */
  readonly avgMs: number;
  /** Configured memory (MB): what is billed, whatever is used. */
  readonly memoryMb: number;
}

/** DynamoDB request units one operation of a kind consumes. */
export interface StoreUnits {
  readonly reads: number;
  readonly writes: number;
}

export interface Workload {
  readonly conversationsPerMonth: number;
  /** Customer texts per conversation (each one webhook call). */
  readonly messagesPerConversation: number;
  /** Share of conversations handed to a person (0–1). */
  readonly escalationRate: number;
  /** Messages per conversation sent through the outbound queue: agent replies and proactive messages (bot replies go back in TwiML). */
  readonly queuedMessagesPerConversation: number;
  /** Twilio status callbacks per queued message (sent, delivered). */
  readonly statusCallbacksPerQueuedMessage: number;
  /** Agent API calls per escalated conversation: list, open, claim, replies, close and the console's refreshes. */
  readonly agentApiCallsPerEscalation: number;
  /** Console page loads per escalated conversation. */
  readonly consoleLoadsPerEscalation: number;
  /** Technician app calls (location pings, job statuses) per conversation. */
  readonly technicianCallsPerConversation: number;
  /** Mean number of queued messages one sender invocation handles (1 at low volume, up to 10). */
  readonly outboundBatchFill: number;
  readonly functions: Readonly<Record<FunctionName, FunctionProfile>>;
  /** Share of invocations that start a new execution environment, and what its INIT costs. */
  readonly coldStartShare: number;
  readonly initMs: number;
  /** DynamoDB request units per operation kind. */
  readonly store: {
    readonly inboundText: StoreUnits;
    readonly escalation: StoreUnits;
    readonly queuedMessage: StoreUnits;
    readonly statusCallback: StoreUnits;
    readonly agentApiCall: StoreUnits;
    readonly technicianCall: StoreUnits;
  };
  /** CloudWatch Logs bytes per invocation (platform START/END/REPORT, structured log lines, EMF metrics). */
  readonly logBytesPerInvocation: number;
  /** API Gateway access log bytes per request. */
  readonly accessLogBytesPerRequest: number;
  /** Share of requests X-Ray records (the default rule keeps 1 per second and 5% beyond: at these volumes, nearly all). */
  readonly tracedShare: number;
  /** Fixed monthly usage, whatever the volume. */
  readonly fixed: {
    /** Lambda's long polls of the outbound queue while it is empty. */
    readonly sqsIdlePollRequests: number;
    /** Requests services make to refresh cached data keys (DynamoDB tables, SQS data key reuse), per month. */
    readonly kmsCachedKeyRequests: number;
    readonly kmsKeys: number;
    readonly alarmMetrics: number;
    readonly dashboards: number;
    readonly customMetrics: number;
    readonly secrets: number;
  };
}

/**
 * The defaults: what the CDK app deploys and what the product does per text.
 *
 * Durations: the webhook's 150 ms is the local-stack p50 under load (README, `npm run bench --
 * webhook`), an upper bound for Lambda where each invocation has its own CPU; the other
 * functions are not measured yet and carry estimates (marked), to be replaced by CloudWatch's
 * `Duration` average after a week in production.
 */
export const DEFAULT_WORKLOAD: Workload = {
  conversationsPerMonth: 10_000,
  messagesPerConversation: 3,
  escalationRate: 0.3,
  queuedMessagesPerConversation: 1.5,
  statusCallbacksPerQueuedMessage: 2,
  agentApiCallsPerEscalation: 60,
  consoleLoadsPerEscalation: 1,
  technicianCallsPerConversation: 2,
  outboundBatchFill: 1,
  functions: {
    twilioMessages: { avgMs: 150, memoryMb: 512 },
    twilioStatus: { avgMs: 40, memoryMb: 512 }, // estimate
    agentApi: { avgMs: 60, memoryMb: 512 }, // estimate
    console: { avgMs: 5, memoryMb: 256 }, // estimate
    technicianApi: { avgMs: 80, memoryMb: 512 }, // estimate
    outboundSender: { avgMs: 350, memoryMb: 512 }, // estimate: one Twilio REST call per message
  },
  coldStartShare: 0.05,
  initMs: 400,
  store: {
    // 1 conditional put claiming the MessageSid, 5 strongly consistent gets/queries (thread,
    // phone→customer, conversation, route and technician), 1 conditional put of the
    // conversation (≈2 KB: 2 WRU), 1 batch write of the text and the reply (2 items), 1 update.
    inboundText: { reads: 5, writes: 6 },
    // The conversation enters the byQueue index: one more index write, and its re-save.
    escalation: { reads: 1, writes: 3 },
    // Sender: read the conversation and opt-out state, record the send (status, sid).
    queuedMessage: { reads: 2, writes: 1 },
    // Status callback: read the message, move its status forward.
    statusCallback: { reads: 1, writes: 1 },
    // Mostly reads (queue query, one chat with its transcript); claims and replies write.
    agentApiCall: { reads: 3, writes: 0.5 },
    technicianCall: { reads: 2, writes: 1 },
  },
  logBytesPerInvocation: 1_200,
  accessLogBytesPerRequest: 250,
  tracedShare: 1,
  fixed: {
    // 5 pollers × one 20-second long poll each × 730 hours.
    sqsIdlePollRequests: 5 * 3 * 60 * 730,
    // ≈ 10 (caller, key) pairs refreshing every 5 minutes.
    kmsCachedKeyRequests: 10 * 12 * 730,
    // The data key and the alarms key.
    kmsKeys: 2,
    // 16 alarms, one of them on two metrics (delivery failure rate).
    alarmMetrics: 17,
    dashboards: 1,
    // MessagesIn, MessagesOut, Automated, Escalated, SendFailures.
    customMetrics: 5,
    // Twilio auth token, technician tokens.
    secrets: 2,
  },
};

export interface CostLine {
  readonly service: string;
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly usd: number;
}

export interface CostEstimate {
  readonly pricesAsOf: string;
  readonly conversationsPerMonth: number;
  /** What the volume costs: zero at zero conversations. */
  readonly variable: readonly CostLine[];
  /** What the environment costs running idle. */
  readonly fixed: readonly CostLine[];
  readonly variableUsd: number;
  readonly fixedUsd: number;
  readonly totalUsd: number;
  /** Variable cost of one conversation. */
  readonly perConversationUsd: number;
  /** Usage behind the lines, for checking and for the assumptions table. */
  readonly usage: {
    readonly invocations: Readonly<Record<FunctionName, number>>;
    readonly httpRequests: number;
    readonly readUnits: number;
    readonly writeUnits: number;
  };
}

export class InvalidWorkloadError extends Error {
  override readonly name = 'InvalidWorkloadError';
}

const GiB = 1024 ** 3;

/** Estimates the monthly cost of `overrides` laid over DEFAULT_WORKLOAD. */
export function estimateMonthlyCost(overrides: Partial<Workload> = {}): CostEstimate {
  const w: Workload = { ...DEFAULT_WORKLOAD, ...overrides };
  assertValid(w);
  const C = w.conversationsPerMonth;
  const texts = C * w.messagesPerConversation;
  const escalations = C * w.escalationRate;
  const queued = C * w.queuedMessagesPerConversation;
  const statusCallbacks = queued * w.statusCallbacksPerQueuedMessage;
  const agentCalls = escalations * w.agentApiCallsPerEscalation;
  const technicianCalls = C * w.technicianCallsPerConversation;

  const invocations: Record<FunctionName, number> = {
    twilioMessages: texts,
    twilioStatus: statusCallbacks,
    agentApi: agentCalls,
    console: escalations * w.consoleLoadsPerEscalation,
    technicianApi: technicianCalls,
    outboundSender: queued / w.outboundBatchFill,
  };
  const allInvocations = sum(Object.values(invocations));
  const httpRequests = allInvocations - invocations.outboundSender;
  const gbSeconds = sum(
    (Object.keys(invocations) as FunctionName[]).map((name) => {
      const { avgMs, memoryMb } = w.functions[name];
      // The sender's duration is per message; one invocation sends a batch.
      const invokeMs = name === 'outboundSender' ? avgMs * w.outboundBatchFill : avgMs;
      const billedMs = invokeMs + w.coldStartShare * w.initMs;
      return invocations[name] * (billedMs / 1000) * (memoryMb / 1024);
    }),
  );

  const units = (kind: keyof Workload['store'], count: number) => ({ reads: count * w.store[kind].reads, writes: count * w.store[kind].writes });
  const storeUse = [
    units('inboundText', texts),
    units('escalation', escalations),
    units('queuedMessage', queued),
    units('statusCallback', statusCallbacks),
    units('agentApiCall', agentCalls),
    units('technicianCall', technicianCalls),
  ];
  const readUnits = sum(storeUse.map((u) => u.reads));
  const writeUnits = sum(storeUse.map((u) => u.writes));

  // Send one per message; the poller's receive and batch delete one each per invocation.
  const sqsRequests = queued + 2 * invocations.outboundSender;
  // Counted as one data-key request per encrypted publish: an upper bound.
  const kmsRequests = escalations;
  const logGiB = (allInvocations * w.logBytesPerInvocation + httpRequests * w.accessLogBytesPerRequest) / GiB;
  const traces = (httpRequests + invocations.outboundSender) * w.tracedShare;

  const variable: CostLine[] = [
    line('Lambda', 'requests', allInvocations, 'requests', allInvocations * PRICES.lambdaPerRequest),
    line('Lambda', 'compute (Arm)', gbSeconds, 'GB-s', gbSeconds * PRICES.lambdaArmPerGbSecond),
    line('API Gateway', 'HTTP API requests', httpRequests, 'requests', httpRequests * PRICES.httpApiPerRequest),
    line('DynamoDB', 'on-demand reads', readUnits, 'RRU', readUnits * PRICES.dynamoPerReadUnit),
    line('DynamoDB', 'on-demand writes', writeUnits, 'WRU', writeUnits * PRICES.dynamoPerWriteUnit),
    line('SNS', 'escalation events', escalations, 'publishes', escalations * PRICES.snsPerPublish),
    line('SQS', 'outbound queue', sqsRequests, 'requests', sqsRequests * PRICES.sqsPerRequest),
    line('KMS', 'encrypted publishes', kmsRequests, 'requests', kmsRequests * PRICES.kmsPerRequest),
    line('CloudWatch Logs', 'ingestion', logGiB, 'GiB', logGiB * PRICES.logsPerGiBIngested),
    line('X-Ray', 'traces', traces, 'traces', traces * PRICES.xrayPerTraceRecorded),
  ];
  const f = w.fixed;
  const fixed: CostLine[] = [
    line('SQS', 'idle long polls', f.sqsIdlePollRequests, 'requests', f.sqsIdlePollRequests * PRICES.sqsPerRequest),
    line('KMS', 'customer-managed keys', f.kmsKeys, 'keys', f.kmsKeys * PRICES.kmsPerKeyMonth),
    line('KMS', 'cached data-key refreshes', f.kmsCachedKeyRequests, 'requests', f.kmsCachedKeyRequests * PRICES.kmsPerRequest),
    line('CloudWatch', 'alarms', f.alarmMetrics, 'alarm metrics', f.alarmMetrics * PRICES.cloudWatchPerAlarmMetric),
    line('CloudWatch', 'dashboard', f.dashboards, 'dashboards', f.dashboards * PRICES.cloudWatchPerDashboard),
    line('CloudWatch', 'custom metrics', f.customMetrics, 'metrics', f.customMetrics * PRICES.cloudWatchPerCustomMetric),
    line('Secrets Manager', 'secrets', f.secrets, 'secrets', f.secrets * PRICES.secretsManagerPerSecretMonth),
  ];
  const variableUsd = sum(variable.map((l) => l.usd));
  const fixedUsd = sum(fixed.map((l) => l.usd));
  return {
    pricesAsOf: PRICES.asOf,
    conversationsPerMonth: C,
    variable,
    fixed,
    variableUsd,
    fixedUsd,
    totalUsd: variableUsd + fixedUsd,
    perConversationUsd: C === 0 ? 0 : variableUsd / C,
    usage: { invocations, httpRequests, readUnits, writeUnits },
  };
}

function line(service: string, item: string, quantity: number, unit: string, usd: number): CostLine {
  return { service, item, quantity, unit, usd };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Every number finite and not negative, shares within 0–1, batch fill 1–10; the error names the field. */
function assertValid(w: Workload): void {
  const check = (path: string, value: number, max = Number.POSITIVE_INFINITY, min = 0) => {
    if (!Number.isFinite(value) || value < min || value > max) {
      const range = max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `from ${min} to ${max}`;
      throw new InvalidWorkloadError(`${path} must be a number ${range}, got ${value}`);
    }
  };
  for (const key of ['conversationsPerMonth', 'messagesPerConversation', 'queuedMessagesPerConversation', 'statusCallbacksPerQueuedMessage', 'agentApiCallsPerEscalation', 'consoleLoadsPerEscalation', 'technicianCallsPerConversation', 'initMs', 'logBytesPerInvocation', 'accessLogBytesPerRequest'] as const) {
    check(key, w[key]);
  }
  for (const key of ['escalationRate', 'coldStartShare', 'tracedShare'] as const) check(key, w[key], 1);
  check('outboundBatchFill', w.outboundBatchFill, 10, 1);
  for (const [name, profile] of Object.entries(w.functions)) {
    check(`functions.${name}.avgMs`, profile.avgMs);
    check(`functions.${name}.memoryMb`, profile.memoryMb, 10_240, 128);
  }
  for (const [kind, units] of Object.entries(w.store)) {
    check(`store.${kind}.reads`, units.reads);
    check(`store.${kind}.writes`, units.writes);
  }
  for (const [key, value] of Object.entries(w.fixed)) check(`fixed.${key}`, value);
}
