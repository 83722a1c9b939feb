import type { Report } from '../../lambdas/core/report/compute-report.js';

export const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);
export const minutes = (value: number | null) => (value === null ? '–' : `${value} min`);

/** The report as the terminal prints it. */
export function reportText(report: Report): string {
  const { conversations: c, firstAgentReply: reply, csat, delivery } = report;
  const lines = [
    `Switchboard report ${report.range.from} to ${report.range.to} (${report.range.timeZone})`,
    `Conversations      ${c.total}: contained ${c.contained} (${percent(c.containmentRate)}), handed off ${c.handedOff} (${percent(c.handoffRate)})`,
    `Messages           ${report.messages.inbound} in, ${report.messages.outbound} out`,
    `First agent reply  median ${minutes(reply.medianMinutes)}, p90 ${minutes(reply.p90Minutes)} (${reply.answered} answered, ${reply.unanswered} not yet)`,
    `CSAT               ${csat.count} ratings, mean ${csat.mean ?? '–'} (1-5: ${Object.values(csat.distribution).join(' / ')})`,
    `Opt-outs           ${report.optOuts}`,
    `Delivery failures  ${delivery.failed} of ${delivery.tracked} tracked sends (${percent(delivery.failureRate)})`,
    `Intents            ${report.intents.map(({ intent, count }) => `${intent} ${count}`).join(', ') || '–'}`,
    `Escalation reasons ${report.escalationReasons.map(({ reason, count }) => `${reason} ${count}`).join(', ') || '–'}`,
  ];
  return lines.join('\n');
}
