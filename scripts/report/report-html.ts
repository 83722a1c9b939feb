import type { Report } from '../../lambdas/core/report/compute-report.js';
import { minutes, percent } from './report-text.js';

const COLORS = { contained: '#2f7d5b', handedOff: '#d9822b', bar: '#3b6ea8', failure: '#c23b3b', optOut: '#7a5aa6' };

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained page (inline CSS and SVG, nothing fetched) with the report's figures and charts. */
export function reportHtml(report: Report, generatedAt: Date): string {
  const { conversations: c, firstAgentReply: reply, csat, delivery } = report;
  const cards: Array<[string, string, string]> = [
    ['Conversations', String(c.total), `${report.messages.inbound} texts in, ${report.messages.outbound} out`],
    ['Containment rate', percent(c.containmentRate), `${c.contained} never entered the queue`],
    ['Handoff rate', percent(c.handoffRate), `${c.handedOff} handed to a person`],
    ['First agent reply', `${minutes(reply.medianMinutes)}`, `median; p90 ${minutes(reply.p90Minutes)}; ${reply.unanswered} unanswered`],
    ['CSAT', csat.mean === null ? '–' : `${csat.mean} / 5`, `${csat.count} ratings`],
    ['Opt-outs', String(report.optOuts), 'STOP and the like'],
    ['Delivery failures', String(delivery.failed), `${percent(delivery.failureRate)} of ${delivery.tracked} tracked sends`],
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Switchboard report ${escape(report.range.from)} – ${escape(report.range.to)}</title>
<style>
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2733; margin: 0; background: #f4f6f8; }
  main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 40px; }
  h1 { font-size: 22px; margin: 0 0 2px; } h2 { font-size: 15px; margin: 0 0 10px; }
  .sub { color: #5b6877; margin: 0 0 18px; }
  .cards { display: grid; grid-template-columns: repeat(7, 1fr); gap: 10px; margin-bottom: 16px; }
  .card, .panel { background: #fff; border: 1px solid #dde3ea; border-radius: 8px; padding: 12px 14px; }
  .card .label { color: #5b6877; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
  .card .value { font-size: 24px; font-weight: 650; margin: 2px 0; }
  .card .note { color: #5b6877; font-size: 12px; }
  .grid { display: grid; grid-template-columns: 2fr 1fr; gap: 14px; margin-bottom: 14px; }
  .grid3 { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 14px; margin-bottom: 14px; }
  .legend span { display: inline-flex; align-items: center; gap: 5px; margin-right: 14px; color: #5b6877; font-size: 12px; }
  .legend i { width: 10px; height: 10px; border-radius: 2px; display: inline-block; }
  svg text { font: 11px system-ui, sans-serif; fill: #3d4a58; }
  table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
  th, td { text-align: right; padding: 4px 8px; border-bottom: 1px solid #edf0f3; } th:first-child, td:first-child { text-align: left; }
  th { color: #5b6877; font-weight: 600; }
  .defs { color: #5b6877; font-size: 12px; margin-top: 14px; }
</style>
</head>
<body>
<main>
<h1>Switchboard report</h1>
<p class="sub">${escape(report.range.from)} to ${escape(report.range.to)}, business days in ${escape(report.range.timeZone)} · generated ${escape(generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC</p>
<section class="cards">${cards.map(([label, value, note]) => `<div class="card"><div class="label">${label}</div><div class="value">${escape(value)}</div><div class="note">${escape(note)}</div></div>`).join('')}</section>
<section class="grid">
  <div class="panel"><h2>Conversations per day</h2>
    <div class="legend"><span><i style="background:${COLORS.contained}"></i>contained</span><span><i style="background:${COLORS.handedOff}"></i>handed off</span></div>
    ${dailyBars(report)}</div>
  <div class="panel"><h2>Intents (customer texts)</h2>${horizontalBars(report.intents.map((i) => [i.intent, i.count]), COLORS.bar)}</div>
</section>
<section class="grid3">
  <div class="panel"><h2>Escalation reasons</h2>${horizontalBars(report.escalationReasons.map((r) => [r.reason, r.count]), COLORS.handedOff)}</div>
  <div class="panel"><h2>CSAT (1–5)</h2>${horizontalBars(Object.entries(csat.distribution).reverse().map(([score, n]) => [`${score} ★`, n]), COLORS.contained)}</div>
  <div class="panel"><h2>Opt-outs and delivery failures per day</h2>
    <div class="legend"><span><i style="background:${COLORS.optOut}"></i>opt-outs</span><span><i style="background:${COLORS.failure}"></i>delivery failures</span></div>
    ${pairedDailyBars(report)}</div>
</section>
<section class="panel"><h2>Per day</h2>
<table><thead><tr><th>day</th><th>conversations</th><th>contained</th><th>handed off</th><th>containment</th><th>texts in</th><th>opt-outs</th><th>delivery failures</th></tr></thead>
<tbody>${report.days.map((d) => `<tr><td>${d.date}</td><td>${d.conversations}</td><td>${d.contained}</td><td>${d.handedOff}</td><td>${percent(d.conversations ? d.contained / d.conversations : null)}</td><td>${d.messagesIn}</td><td>${d.optOuts}</td><td>${d.deliveryFailures}</td></tr>`).join('')}</tbody></table>
<p class="defs">Contained: the conversation never entered the agents' queue; handed off: it did. The two rates add up to 100% of the conversations started in the range. First agent reply: from the handoff to the first agent message. Intents, opt-outs and delivery failures count the messages of the range. Definitions: docs/operations.md.</p>
</section>
</main>
</body>
</html>
`;
}

/** Stacked bars per day: contained below, handed off above. */
function dailyBars(report: Report): string {
  const width = 700;
  const height = 220;
  const left = 34;
  const bottom = 24;
  const max = niceMax(Math.max(1, ...report.days.map((d) => d.conversations)));
  const step = (width - left) / report.days.length;
  const barWidth = Math.max(2, Math.min(28, step * 0.7));
  const y = (value: number) => ((height - bottom - 8) * value) / max;
  const labelEvery = Math.ceil(report.days.length / 15);
  const bars = report.days
    .map((d, i) => {
      const x = left + i * step + (step - barWidth) / 2;
      const contained = y(d.contained);
      const handed = y(d.handedOff);
      const base = height - bottom;
      const label = i % labelEvery === 0 ? `<text x="${x + barWidth / 2}" y="${height - 8}" text-anchor="middle">${d.date.slice(5)}</text>` : '';
      return `<rect x="${x}" y="${base - contained}" width="${barWidth}" height="${contained}" fill="${COLORS.contained}"><title>${d.date}: ${d.contained} contained</title></rect><rect x="${x}" y="${base - contained - handed}" width="${barWidth}" height="${handed}" fill="${COLORS.handedOff}"><title>${d.date}: ${d.handedOff} handed off</title></rect>${label}`;
    })
    .join('');
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="Conversations per day">${axis(left, width, height, bottom, max, y)}${bars}</svg>`;
}

/** Opt-outs and delivery failures side by side per day. */
function pairedDailyBars(report: Report): string {
  const width = 340;
  const height = 180;
  const left = 26;
  const bottom = 22;
  const max = niceMax(Math.max(1, ...report.days.flatMap((d) => [d.optOuts, d.deliveryFailures])));
  const step = (width - left) / report.days.length;
  const barWidth = Math.max(1, Math.min(10, step * 0.4));
  const y = (value: number) => ((height - bottom - 8) * value) / max;
  const labelEvery = Math.ceil(report.days.length / 6);
  const bars = report.days
    .map((d, i) => {
      const x = left + i * step + step / 2 - barWidth;
      const base = height - bottom;
      const label = i % labelEvery === 0 ? `<text x="${x + barWidth}" y="${height - 6}" text-anchor="middle">${d.date.slice(5)}</text>` : '';
      return `<rect x="${x}" y="${base - y(d.optOuts)}" width="${barWidth}" height="${y(d.optOuts)}" fill="${COLORS.optOut}"><title>${d.date}: ${d.optOuts} opt-outs</title></rect><rect x="${x + barWidth}" y="${base - y(d.deliveryFailures)}" width="${barWidth}" height="${y(d.deliveryFailures)}" fill="${COLORS.failure}"><title>${d.date}: ${d.deliveryFailures} delivery failures</title></rect>${label}`;
    })
    .join('');
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="Opt-outs and delivery failures per day">${axis(left, width, height, bottom, max, y)}${bars}</svg>`;
}

/** Labelled horizontal bars, largest first (the caller's order). */
function horizontalBars(rows: Array<[string, number]>, color: string): string {
  if (rows.length === 0) return '<p class="defs">Nothing in this range.</p>';
  const width = 340;
  const rowHeight = 22;
  const labelWidth = 150;
  const max = Math.max(1, ...rows.map(([, n]) => n));
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  const body = rows
    .map(([label, n], i) => {
      const barWidth = ((width - labelWidth - 70) * n) / max;
      const top = i * rowHeight;
      return `<text x="${labelWidth - 6}" y="${top + 15}" text-anchor="end">${escape(label)}</text><rect x="${labelWidth}" y="${top + 4}" width="${barWidth}" height="${rowHeight - 8}" rx="2" fill="${color}"/><text x="${labelWidth + barWidth + 5}" y="${top + 15}">${n} (${Math.round((100 * n) / total)}%)</text>`;
    })
    .join('');
  return `<svg viewBox="0 0 ${width} ${rows.length * rowHeight}" width="100%" role="img">${body}</svg>`;
}

function axis(left: number, width: number, height: number, bottom: number, max: number, y: (v: number) => number): string {
  const ticks = [0, max / 2, max];
  return ticks
    .map((t) => `<line x1="${left}" x2="${width}" y1="${height - bottom - y(t)}" y2="${height - bottom - y(t)}" stroke="#e3e8ee"/><text x="${left - 6}" y="${height - bottom - y(t) + 4}" text-anchor="end">${t}</text>`)
    .join('');
}

/** A round axis maximum (1, 2, 4, 6 or 10 × 10^n) at or above `value`, even so its half is a whole number. */
function niceMax(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const nice = [1, 2, 4, 6, 10].map((f) => f * magnitude).find((candidate) => candidate >= value) ?? 10 * magnitude;
  return nice % 2 === 0 ? nice : nice + 1;
}
