import type { CostEstimate, CostLine } from './cost-model.js';

const usd = (value: number) => `$${value.toFixed(value < 0.01 ? 6 : value < 1 ? 4 : 2)}`;
const quantity = (value: number) => (Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 3 }));

/** The estimate as a Markdown table: one row per line, the subtotals and the total. */
export function formatCostTable(estimate: CostEstimate): string {
  const rows = (lines: readonly CostLine[]) => lines.map((l) => `| ${l.service} | ${l.item} | ${quantity(l.quantity)} ${l.unit} | ${usd(l.usd)} |`);
  return [
    `Monthly AWS cost for ${estimate.conversationsPerMonth.toLocaleString('en-US')} conversations (us-east-1, prices as of ${estimate.pricesAsOf}, free tiers excluded)`,
    '',
    '| service | item | usage | USD |',
    '|---|---|---:|---:|',
    ...rows(estimate.variable),
    `| **volume** | | | **${usd(estimate.variableUsd)}** |`,
    ...rows(estimate.fixed),
    `| **fixed** | | | **${usd(estimate.fixedUsd)}** |`,
    `| **total** | | | **${usd(estimate.totalUsd)}** |`,
    '',
    `Per conversation (volume only): ${usd(estimate.perConversationUsd)}; per 10,000 conversations: ${usd(estimate.perConversationUsd * 10_000)}`,
  ].join('\n');
}
