import { describe, expect, it } from 'vitest';
import { type CostEstimate, DEFAULT_WORKLOAD, estimateMonthlyCost, type FunctionName, type Workload } from '../../lib/cost/cost-model.js';
import { formatCostTable } from '../../lib/cost/cost-table.js';

/** A workload that does nothing unless the test says so, so each figure can be computed by hand. */
const idle: Partial<Workload> = {
  conversationsPerMonth: 0,
  messagesPerConversation: 0,
  escalationRate: 0,
  queuedMessagesPerConversation: 0,
  technicianCallsPerConversation: 0,
  coldStartShare: 0,
  tracedShare: 0,
  logBytesPerInvocation: 0,
  accessLogBytesPerRequest: 0,
};
const withFunction = (name: FunctionName, avgMs: number, memoryMb: number) => ({
  functions: { ...DEFAULT_WORKLOAD.functions, [name]: { avgMs, memoryMb } },
});
const usdOf = (estimate: CostEstimate, service: string, item: string) => {
  const found = [...estimate.variable, ...estimate.fixed].find((l) => l.service === service && l.item === item);
  if (!found) throw new Error(`no line ${service} / ${item}`);
  return found.usd;
};

describe('estimateMonthlyCost', () => {
  describe('one million texts to the webhook (100,000 conversations × 10 texts, 100 ms at 1,024 MB)', () => {
    const estimate = estimateMonthlyCost({
      ...idle,
      conversationsPerMonth: 100_000,
      messagesPerConversation: 10,
      ...withFunction('twilioMessages', 100, 1024),
      tracedShare: 0.5,
      logBytesPerInvocation: 1_200,
      accessLogBytesPerRequest: 250,
    });

    it.each([
      // 1,000,000 requests × $0.20 per million
      ['Lambda', 'requests', 0.2],
      // 1,000,000 × 0.1 s × 1 GB = 100,000 GB-s × $0.0000133334
      ['Lambda', 'compute (Arm)', 1.33334],
      // 1,000,000 requests × $1.00 per million
      ['API Gateway', 'HTTP API requests', 1.0],
      // 5 RRU per text: 5,000,000 × $0.125 per million
      ['DynamoDB', 'on-demand reads', 0.625],
      // 6 WRU per text: 6,000,000 × $0.625 per million
      ['DynamoDB', 'on-demand writes', 3.75],
      // (1,200 + 250) bytes × 1,000,000 = 1.45e9 B = 1.3504 GiB × $0.50
      ['CloudWatch Logs', 'ingestion', 0.675207],
      // half of 1,000,000 requests traced × $5.00 per million
      ['X-Ray', 'traces', 2.5],
      ['SNS', 'escalation events', 0],
      ['SQS', 'outbound queue', 0],
    ])('%s %s: $%d', (service, item, expected) => {
      expect(usdOf(estimate, service, item)).toBeCloseTo(expected, 5);
    });

    it('adds the lines up, and divides the volume cost by the conversations', () => {
      const expected = 0.2 + 1.33334 + 1.0 + 0.625 + 3.75 + 0.675207 + 2.5;
      expect(estimate.variableUsd).toBeCloseTo(expected, 5);
      expect(estimate.perConversationUsd).toBeCloseTo(expected / 100_000, 10);
      expect(estimate.totalUsd).toBeCloseTo(estimate.variableUsd + estimate.fixedUsd, 10);
    });
  });

  it('prices the outbound queue per request: a send per message, a receive and a batch delete per sender invocation', () => {
    const estimate = estimateMonthlyCost({
      ...idle,
      conversationsPerMonth: 1_000,
      queuedMessagesPerConversation: 10,
      outboundBatchFill: 10,
      ...withFunction('outboundSender', 300, 512),
    });

    // 10,000 messages in 1,000 invocations: 10,000 + 2 × 1,000 = 12,000 requests × $0.40 per million
    expect(usdOf(estimate, 'SQS', 'outbound queue')).toBeCloseTo(0.0048, 8);
    expect(estimate.usage.invocations.outboundSender).toBe(1_000);
    // 2 status callbacks per message, each a webhook call
    expect(estimate.usage.invocations.twilioStatus).toBe(20_000);
    // sender: 1,000 × (10 × 0.3 s) × 0.5 GB = 1,500 GB-s; status: 20,000 × 0.04 s × 0.5 GB = 400 GB-s
    expect(usdOf(estimate, 'Lambda', 'compute (Arm)')).toBeCloseTo((1_500 + 400) * 0.0000133334, 8);
  });

  it('publishes one escalation event, one KMS request and the agent calls per escalated conversation', () => {
    const estimate = estimateMonthlyCost({ ...idle, conversationsPerMonth: 1_000, escalationRate: 0.5, agentApiCallsPerEscalation: 60 });

    // 500 escalations × $0.50 per million publishes; × $0.03 per 10,000 KMS requests
    expect(usdOf(estimate, 'SNS', 'escalation events')).toBeCloseTo(0.00025, 10);
    expect(usdOf(estimate, 'KMS', 'encrypted publishes')).toBeCloseTo(0.0015, 10);
    expect(estimate.usage.invocations.agentApi).toBe(30_000);
    expect(estimate.usage.invocations.console).toBe(500);
  });

  it('bills the INIT of cold starts on top of each invocation', () => {
    const warm = estimateMonthlyCost({ ...idle, conversationsPerMonth: 1_000, messagesPerConversation: 1, ...withFunction('twilioMessages', 100, 1024) });
    const cold = estimateMonthlyCost({
      ...idle,
      conversationsPerMonth: 1_000,
      messagesPerConversation: 1,
      ...withFunction('twilioMessages', 100, 1024),
      coldStartShare: 0.1,
      initMs: 500,
    });

    // 10% × 500 ms = 50 ms more per invocation: 1,000 × 0.05 s × 1 GB = 50 GB-s
    expect(usdOf(cold, 'Lambda', 'compute (Arm)') - usdOf(warm, 'Lambda', 'compute (Arm)')).toBeCloseTo(50 * 0.0000133334, 10);
  });

  it('costs only the fixed monthly items with no traffic', () => {
    const estimate = estimateMonthlyCost({ conversationsPerMonth: 0 });

    expect(estimate.variableUsd).toBe(0);
    expect(estimate.perConversationUsd).toBe(0);
    // idle polls 657,000 × $0.40/M + 2 keys × $1 + 87,600 KMS × $0.03/10k + 17 alarm metrics × $0.10
    // + 1 dashboard × $3 + 5 custom metrics × $0.30 + 2 secrets × $0.40
    expect(estimate.fixedUsd).toBeCloseTo(0.2628 + 2 + 0.2628 + 1.7 + 3 + 1.5 + 0.8, 10);
  });

  it('grows the volume cost in proportion to the conversations', () => {
    const ten = estimateMonthlyCost({ conversationsPerMonth: 10_000 });
    const twenty = estimateMonthlyCost({ conversationsPerMonth: 20_000 });

    expect(twenty.variableUsd).toBeCloseTo(2 * ten.variableUsd, 10);
    expect(twenty.fixedUsd).toBe(ten.fixedUsd);
  });

  it.each([
    ['negative conversations', { conversationsPerMonth: -1 }, 'conversationsPerMonth must be a number ≥ 0'],
    ['an escalation rate above 1', { escalationRate: 1.5 }, 'escalationRate must be a number from 0 to 1'],
    ['a batch larger than the event source sends', { outboundBatchFill: 11 }, 'outboundBatchFill must be a number from 1 to 10'],
    ['memory Lambda does not offer', withFunction('agentApi', 50, 64), 'functions.agentApi.memoryMb must be a number from 128 to 10240'],
    ['a duration that is not a number', withFunction('console', Number.NaN, 256), 'functions.console.avgMs'],
  ])('refuses %s, naming the field', (_case, overrides, message) => {
    expect(() => estimateMonthlyCost(overrides)).toThrow(message);
  });
});

describe('formatCostTable', () => {
  it('prints every line, the subtotals, the total and the date of the prices', () => {
    const estimate = estimateMonthlyCost({ conversationsPerMonth: 10_000 });

    const table = formatCostTable(estimate);

    expect(table).toContain('Monthly AWS cost for 10,000 conversations (us-east-1, prices as of 2026-11');
    expect(table.split('\n').filter((row) => row.startsWith('| ') && !row.startsWith('| service'))).toHaveLength(
      estimate.variable.length + estimate.fixed.length + 3,
    );
    expect(table).toContain(`**$${estimate.totalUsd.toFixed(2)}**`);
  });
});
