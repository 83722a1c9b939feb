import { mkdirSync } from 'node:fs';
import { ManualClock } from '../lambdas/core/time/clock.js';
import { startLocalStack } from '../local/local-stack.js';
import { ANA_TOKEN, agentCall } from '../test/support/agent.js';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../test/support/chromium.js';

/**
 * `npx tsx scripts/screenshot-console.ts [OUT.png]`: the README's picture of the agent console.
 * Starts the local stack in memory with the demo data, lets a few demo customers text over the
 * last 24 minutes, has Ana claim John's chat and answer it, then photographs her console at
 * 1366×768 in headless Chromium.
 */
const out = process.argv[2] ?? 'docs/console.png';
if (!hasChromium) {
  console.error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  process.exit(1);
}

// 24 minutes of story ending now, so the technician's demo location (3 minutes old at the start) stays fresh.
const clock = new ManualClock(new Date(Date.now() - 24 * 60_000));
const stack = await startLocalStack({ clock, seedDemo: true });
try {
  const text = async (minutesLater: number, from: string, body: string) => {
    clock.advance(minutesLater * 60_000);
    const { status } = await stack.twilio.deliverInbound(from, body);
    if (status !== 200) throw new Error(`the webhook answered ${status} to "${body}"`);
  };
  await text(0, '+15125550102', "when's the installer showing up?");
  await text(1, '+15125550102', 'my bill is wrong');
  await text(6, '+15125550199', 'I need to cancel my appointment');
  await text(9, 'whatsapp:+15125550101', 'huele a gas en la cocina');
  await text(2, '+15125550105', 'can I talk to a person please');

  const agent = async (method: string, path: string, body?: unknown) => {
    const { status, body: answer } = await agentCall(stack, ANA_TOKEN, method, path, body);
    if (status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const { conversations } = await agent('GET', '/conversations?status=waiting');
  const john = conversations.find((chat: { customer: { name: string } | null }) => chat.customer?.name === 'John Carter');
  if (!john) throw new Error('John Carter is not in the queue');
  clock.advance(2 * 60_000);
  await agent('POST', `/conversations/${john.id}/claim`);
  clock.advance(60_000);
  await agent('POST', `/conversations/${john.id}/messages`, { body: "Hi John, this is Ana. I'm sorry about that. Which amount on the bill looks wrong?" });
  await text(2, '+15125550102', 'the internet line says $89, I signed up for $59');
  clock.set(new Date());

  const browser = await launchChromium({ timezoneId: stack.settings.BUSINESS_TIMEZONE });
  try {
    const { page } = browser;
    await page.goto(`${stack.url}/console`);
    await page.getByLabel('Agent token').fill(ANA_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name: /^John Carter/ }).click();
    await page.getByRole('list', { name: 'Transcript' }).getByText('the internet line says $89').waitFor();
    await page.getByLabel('Reply to the customer').fill("Thanks! I can see the $59 plan on your account, so I'm correcting the March bill now.");
    await page.waitForTimeout(1500);
    mkdirSync('docs', { recursive: true });
    await page.screenshot({ path: out });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
  }
} finally {
  await stack.close();
}
