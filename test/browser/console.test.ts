import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_PATH, hasChromium, launchChromium, type HeadlessBrowser } from '../support/chromium.js';
import { ANA, NOW, fixture } from '../support/fixture.js';
import { sendText, startTestStack, type TestStack } from '../support/stack.js';

const title = hasChromium
  ? 'the agent console in headless Chromium'
  : `the agent console in headless Chromium: SKIPPED, no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`;

describe.skipIf(!hasChromium)(title, () => {
  let stack: TestStack;
  let browser: HeadlessBrowser;

  beforeAll(async () => {
    stack = await startTestStack(NOW, fixture);
    browser = await launchChromium();
    browser.page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** Texts from Ana's phone through the signed webhook, a second later than the last text. */
  async function anaTexts(body: string) {
    stack.clock.advance(1000);
    const result = await sendText(stack, ANA, body);
    expect(result.status).toBe(200);
  }

  test('an agent signs in, claims a waiting chat, replies, and sees the customer answer without a reload', async () => {
    const { page } = browser;
    const transcript = page.getByRole('list', { name: 'Transcript' });
    await anaTexts('my bill is wrong');

    expect((await page.goto(`${stack.url}/console`))?.status()).toBe(200);
    await page.getByLabel('Agent token').fill('agent-ana-token');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const queued = page.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name: /^Ana Ruiz/ });
    await queued.click();
    await transcript.getByText('my bill is wrong').waitFor();
    await expect(transcript.getByRole('listitem').first().textContent()).resolves.toMatch(/Customer.*my bill is wrong.*Bot read/s);
    await expect(page.getByRole('complementary', { name: 'Customer' }).textContent()).resolves.toContain('100200');

    await page.getByRole('button', { name: /^Claim/ }).click();
    await page.getByText('With you').waitFor();
    const reply = page.getByLabel('Reply to the customer');
    await reply.fill('Hola Ana, I can see your bill. Which amount looks wrong?');
    await expect(page.locator('#counter').textContent()).resolves.toContain('1 SMS segment · GSM-7');
    await reply.press('Enter');
    await transcript.getByRole('listitem').filter({ hasText: 'Agent · ana' }).filter({ hasText: 'Which amount looks wrong?' }).waitFor();
    await expect(reply.inputValue()).resolves.toBe('');

    const outbox = await (await fetch(`${stack.url}/local/outbox?to=${encodeURIComponent(ANA)}`)).json() as { body: string }[];
    expect(outbox.map((message) => message.body)).toContain('Hola Ana, I can see your bill. Which amount looks wrong?');

    await page.evaluate(() => Object.assign(window, { loadedOnce: true }));
    const firstMessage = await transcript.getByRole('listitem').first().elementHandle();
    await anaTexts('the March one, it says $89 instead of $59');
    const sentAt = Date.now();
    await transcript.getByText('the March one, it says $89 instead of $59').waitFor({ timeout: 2000 });
    expect(Date.now() - sentAt).toBeLessThan(2000);
    await expect(page.evaluate(() => 'loadedOnce' in window)).resolves.toBe(true);
    await expect(firstMessage!.evaluate((element) => element.isConnected), 'earlier messages are kept, not redrawn').resolves.toBe(true);
    await expect(reply.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
  });
});
