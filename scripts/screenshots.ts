import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoReportSource } from '../lambdas/adapters/dynamodb/report-source.js';
import { DynamoDirectoryRepository } from '../lambdas/adapters/dynamodb/directory-repository.js';
import { importDirectory } from '../lambdas/core/import/import-directory.js';
import { buildReport } from '../lambdas/core/report/build-report.js';
import { ManualClock } from '../lambdas/core/time/clock.js';
import { zonedInstant } from '../lambdas/core/time/business-time.js';
import { logger } from '../lambdas/runtime/logger.js';
import { startLocalStack } from '../local/local-stack.js';
import { ANA_TOKEN, agentCall } from '../test/support/agent.js';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../test/support/chromium.js';
import { reportHtml } from './report/report-html.js';
import { reportText } from './report/report-text.js';

/**
 * `npm run screenshots`: the README's pictures of the report page (docs/report.png) and the
 * console's supervisor view (docs/supervisor.png). Replays a November of traffic through the
 * local stack in memory (customers texting the webhook, agents answering through the agent
 * API, a few carrier failures), then renders both in headless Chromium.
 */
if (!hasChromium) {
  console.error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  process.exit(1);
}

// A month of traffic would log every text: keep the output to the figures.
logger.setLogLevel('ERROR');

const FROM = '2026-11-01';
const TO = '2026-11-30';
const TIME_ZONE = 'America/Chicago';
const PER_DAY = 7;

/** A fixed pseudo-random sequence, so the pictures only change when the product does. */
let seed = 7;
const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
const customers = days.flatMap((date, d) =>
  Array.from({ length: PER_DAY }, (_, i) => {
    const n = d * PER_DAY + i;
    return { id: `C-${3000 + n}`, name: `Customer ${n}`, phones: [`+1512556${String(n).padStart(4, '0')}`], accountNumber: `${700000 + n}`, language: 'en' as const, date };
  }),
);

const clock = new ManualClock(zonedInstant(FROM, '07:00', TIME_ZONE));
const stack = await startLocalStack({ clock, env: { BUSINESS_TIMEZONE: TIME_ZONE, BUSINESS_HOURS: 'Mon-Sun 07:00-21:00' }, queueDelayScale: 0.001 });
try {
  await importDirectory(new DynamoDirectoryRepository(stack.store.client, stack.settings.DIRECTORY_TABLE), {
    customers: customers.map(({ date: _date, ...customer }) => customer),
    technicians: [{ id: 'T-7', name: 'Sam Lee', location: { lat: 30.2672, lng: -97.7431, at: clock.now().toISOString() } }],
    appointments: customers.map((customer, i) => ({
      id: `A-${3000 + i}`, customerId: customer.id, technicianId: 'T-7', date: customer.date, window: { start: '13:00', end: '17:00' },
      address: { line1: `${i} Elm St, Austin TX`, lat: 30.3, lng: -97.7 }, sequence: (i % PER_DAY) + 1, durationMinutes: 45, status: 'scheduled' as const,
    })),
  });

  const text = async (from: string, body: string) => {
    const { status } = await stack.twilio.deliverInbound(from, body);
    if (status !== 200) throw new Error(`the webhook answered ${status} to "${body}"`);
  };
  const agent = async (method: string, route: string, body?: unknown) => {
    const { status, body: answer } = await agentCall(stack, ANA_TOKEN, method, route, body);
    if (status >= 300) throw new Error(`${method} ${route}: ${status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const settle = async () => {
    await stack.outbound.drain();
    await stack.twilio.settle();
  };
  /** A person takes the chat after `waitMinutes`, answers, and closes it with the rating question. */
  const handOff = async (phone: string, waitMinutes: number, rating: string | null, carrierFails: boolean) => {
    const chatId = (await stack.webhook.conversation.conversations.getThread({ channel: 'sms', phone }))!.conversationId!;
    clock.advance(waitMinutes * 60_000);
    await agent('POST', `/conversations/${chatId}/claim`);
    if (carrierFails) stack.twilio.failNext(phone, '30006', 'callback');
    await agent('POST', `/conversations/${chatId}/messages`, { body: 'Hi, this is Ana from the service team. I can help with that.' });
    await settle();
    clock.advance(4 * 60_000);
    await agent('POST', `/conversations/${chatId}/close`, { csat: true });
    await settle();
    if (rating) await text(phone, rating);
  };

  for (const [d, date] of days.entries()) {
    const today = customers.filter((customer) => customer.date === date);
    for (const [i, customer] of today.entries()) {
      clock.set(zonedInstant(date, `${String(8 + i * 2).padStart(2, '0')}:${String(Math.floor(random() * 50)).padStart(2, '0')}`, TIME_ZONE));
      const phone = customer.phones[0]!;
      const roll = random();
      if (roll < 0.5) {
        await text(phone, pick(["when's the installer showing up?", 'where is my technician', 'is the tech still coming today?', 'what time will the technician get here']));
      } else if (roll < 0.6) {
        await text(phone, 'I need to cancel my appointment');
        await text(phone, 'YES');
      } else if (roll < 0.64) {
        await text(phone, 'STOP');
      } else if (roll < 0.82) {
        await text(phone, pick(['can I talk to a person please', 'I want to speak to someone', 'agent']));
        // The last two days' handoffs are still waiting when the report runs.
        if (d < 28) await handOff(phone, 2 + Math.floor(random() * 14), pick(['5', '5', '4', '4', '3', '2', null]), random() < 0.1);
      } else {
        await text(phone, pick(['my bill is wrong, you charged me twice', 'the router keeps blinking red', 'can you add a second TV box']));
        if (d < 28) await handOff(phone, 3 + Math.floor(random() * 25), pick(['5', '4', '4', '3', '1', null]), random() < 0.1);
      }
    }
  }
  await settle();

  const report = await buildReport(new DynamoReportSource(stack.store.client, stack.settings.CONVERSATIONS_TABLE), { from: FROM, to: TO, timeZone: TIME_ZONE });
  console.log(reportText(report));
  const folder = mkdtempSync(path.join(tmpdir(), 'switchboard-report-'));
  const page = path.join(folder, 'report.html');
  writeFileSync(page, reportHtml(report, clock.now()));

  clock.set(zonedInstant(TO, '18:00', TIME_ZONE));
  const browser = await launchChromium({ viewport: { width: 1366, height: 900 }, timezoneId: TIME_ZONE });
  try {
    await browser.page.goto(`file://${page}`);
    await browser.page.screenshot({ path: 'docs/report.png', fullPage: true });
    console.log('wrote docs/report.png');

    await browser.page.setViewportSize({ width: 1366, height: 768 });
    await browser.page.goto(`${stack.url}/console`);
    await browser.page.getByLabel('Agent token').fill(ANA_TOKEN);
    await browser.page.getByRole('button', { name: 'Sign in' }).click();
    await browser.page.getByRole('button', { name: 'Report' }).click();
    await browser.page.getByLabel('From', { exact: true }).fill(FROM);
    await browser.page.getByLabel('To', { exact: true }).fill(TO);
    await browser.page.getByRole('button', { name: 'Show' }).click();
    await browser.page.getByText('Containment').first().waitFor();
    await browser.page.waitForTimeout(500);
    await browser.page.screenshot({ path: 'docs/supervisor.png' });
    console.log('wrote docs/supervisor.png');
  } finally {
    await browser.close();
    rmSync(folder, { recursive: true, force: true });
  }
} finally {
  await stack.close();
}
