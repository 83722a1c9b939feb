import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ANA_TOKEN } from '../support/agent.js';
import { CHROMIUM_PATH, hasChromium, launchChromium, type HeadlessBrowser } from '../support/chromium.js';
import { ANA, JOHN, NOW, fixture } from '../support/fixture.js';
import { sendText, startTestStack, type TestStack } from '../support/stack.js';

const skipReason = `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
const title = hasChromium ? 'the agent console in headless Chromium' : `the agent console in headless Chromium: SKIPPED, ${skipReason}`;
if (!hasChromium) console.warn(`Browser test skipped: ${skipReason}.`);

/** One agent's session, in order: Ana's chat is picked up and closed, then John's reply is refused. */
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

  /** A customer texts through the signed webhook, a second later than the last text. */
  async function texts(from: string, body: string) {
    stack.clock.advance(1000);
    const result = await sendText(stack, from, body);
    expect(result.status).toBe(200);
    return result.replies;
  }
  const anaTexts = (body: string) => texts(ANA, body);

  async function outboxTo(phone: string): Promise<string[]> {
    const outbox = (await (await fetch(`${stack.url}/local/outbox?to=${encodeURIComponent(phone)}`)).json()) as { body: string }[];
    return outbox.map((message) => message.body);
  }

  test('an agent signs in, claims a waiting chat, replies, and sees the customer answer without a reload', async () => {
    const { page } = browser;
    const transcript = page.getByRole('list', { name: 'Transcript' });
    await anaTexts('my bill is wrong');

    expect((await page.goto(`${stack.url}/console`))?.status()).toBe(200);
    await page.getByLabel('Agent token').fill(ANA_TOKEN);
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

    expect(await outboxTo(ANA)).toContain('Hola Ana, I can see your bill. Which amount looks wrong?');

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

  test('closing the chat texts the rating question and hands the number back to the bot', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Close chat' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close this chat?' });
    await expect(dialog.getByRole('checkbox').isChecked()).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Close chat' }).click();

    await page.locator('#chat-status').getByText('Closed').waitFor();
    await expect(page.getByLabel('Reply to the customer').isDisabled()).resolves.toBe(true);
    await expect(page.locator('#mine-empty').isVisible()).resolves.toBe(true);
    expect((await outboxTo(ANA)).at(-1)).toMatch(/^How did we do\? Reply 1/);
    expect(await texts(ANA, 'donde esta mi tecnico?')).toEqual([expect.stringMatching(/^Sam/)]);
  });

  test("a refused reply shows the API's reason and keeps the draft", async () => {
    const { page } = browser;
    await texts(JOHN, 'I want to talk to a person');
    await page.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name: /^John Carter/ }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('c');
    await page.getByText('With you').waitFor();
    await texts(JOHN, 'STOP');

    const reply = page.getByLabel('Reply to the customer');
    await reply.fill('Hi John, how can I help?');
    await reply.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'opted out' }).textContent()).resolves.toMatch(/opted out \(STOP\)/);
    await expect(reply.inputValue()).resolves.toBe('Hi John, how can I help?');
  });
});
