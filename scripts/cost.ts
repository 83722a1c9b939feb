import { parseArgs } from 'node:util';
import { estimateMonthlyCost, InvalidWorkloadError } from '../lib/cost/cost-model.js';
import { formatCostTable } from '../lib/cost/cost-table.js';

/**
 * `npm run cost -- --conversations 10000 [--messages 3] [--escalation-rate 0.3] [--json]`:
 * the monthly AWS cost of that volume, per service (lib/cost/cost-model.ts has every assumption).
 */
const options = {
  conversations: { type: 'string', default: '10000' },
  messages: { type: 'string' },
  'escalation-rate': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

const values = (() => {
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    console.error((error as Error).message);
    return process.exit(1);
  }
})();

const number = (name: string, text: string | undefined) => {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    console.error(`--${name} must be a number, got "${text}"`);
    process.exit(1);
  }
  return value;
};

const overrides = Object.fromEntries(
  Object.entries({
    conversationsPerMonth: number('conversations', values.conversations),
    messagesPerConversation: number('messages', values.messages),
    escalationRate: number('escalation-rate', values['escalation-rate']),
  }).filter(([, value]) => value !== undefined),
);

try {
  const estimate = estimateMonthlyCost(overrides);
  console.log(values.json ? JSON.stringify(estimate, null, 2) : formatCostTable(estimate));
} catch (error) {
  if (!(error instanceof InvalidWorkloadError)) throw error;
  console.error(error.message);
  process.exit(1);
}
