import { launchChromium, hasChromium } from '../test/support/chromium.js';
import type { BenchRow, BenchSection } from './bench-row.js';
import { percentile, phoneFor, startLocalProcess } from './support/local-process.js';

/**
 * The agents' side of the local stack (`npm start --memory` in its own process):
 * - how long a customer's text takes to appear in an open chat in the real console (headless
 *   Chromium, the page polling as agents use it), budget ≤ 2 s;
 * - agent API latency with 20 agents working at once (queue + open chat, as the console polls).
 */
const PORT = 3927;
const DYNAMODB_PORT = 8927;
const AGENTS = 20;
const CALLS_PER_AGENT = 40;
const SAMPLES = 10;
const command = 'npm run bench -- agent';

const section: BenchSection = {
  title: 'Agent console and API (local stack in its own process)',
  async run() {
    const tokens = Array.from({ length: AGENTS }, (_, i) => [`agent${i}`, `bench-agent-token-${i}`] as const);
    const stack = await startLocalProcess(PORT, DYNAMODB_PORT, {
      AGENT_TOKENS: tokens.map(([name, token]) => `${name}:${token}`).join(','),
      BUSINESS_HOURS: '',
    });
    const base = `http://localhost:${PORT}`;
    const phone = phoneFor(PORT);
    const rows: BenchRow[] = [];
    try {
      // Thirty customers ask for a person (unknown numbers: straight to the queue).
      const numbers = Array.from({ length: 30 }, (_, i) => `+1512558${String(i).padStart(4, '0')}`);
      for (const number of numbers) await phone.deliverInbound(number, 'I want to talk to a person');

      const api = async (token: string, path: string, init: RequestInit = {}) => {
        const t = performance.now();
        const response = await fetch(`${base}/api/agent${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
        const body = await response.json();
        return { ms: performance.now() - t, status: response.status, body };
      };

      const latencies: number[] = [];
      let errors = 0;
      const { body: queue } = await api(tokens[0]![1], '/conversations?status=waiting');
      const ids: string[] = queue.conversations.map((c: { id: string }) => c.id);
      await Promise.all(
        tokens.map(async ([, token], n) => {
          for (let i = 0; i < CALLS_PER_AGENT / 2; i++) {
            for (const path of ['/conversations?status=waiting', `/conversations/${ids[(n + i) % ids.length]}`]) {
              const result = await api(token, path);
              latencies.push(result.ms);
              if (result.status !== 200) errors++;
            }
          }
        }),
      );
      latencies.sort((a, b) => a - b);
      rows.push(
        { name: `agent API p50, ${AGENTS} agents at once (queue of 30 + open chat, ${latencies.length} calls)`, value: `${percentile(latencies, 50).toFixed(1)} ms`, budget: '', command },
        { name: `agent API p99, ${AGENTS} agents at once`, value: `${percentile(latencies, 99).toFixed(1)} ms`, budget: '', command },
        { name: 'agent API errors', value: String(errors), budget: '0', ok: errors === 0, command },
      );

      if (!hasChromium) {
        rows.push({ name: 'customer text → visible in the console', value: 'skipped: no Chromium (apt-get install chromium)', budget: '≤ 2 s', command });
        return rows;
      }
      const [agentName, agentToken] = tokens[0]!;
      const chat = ids.find(Boolean)!;
      const detail = await api(agentToken, `/conversations/${chat}`);
      const chatPhone: string = detail.body.phone;
      await api(agentToken, `/conversations/${chat}/claim`, { method: 'POST' });
      const browser = await launchChromium();
      try {
        const { page } = browser;
        await page.goto(`${base}/console`);
        await page.getByLabel('Agent token').fill(agentToken);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('navigation', { name: 'Chats' }).getByRole('button').first().waitFor();
        await page.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name: new RegExp(chatPhone.slice(-4)) }).first().click();
        const transcript = page.getByRole('list', { name: 'Transcript' });
        await transcript.getByRole('listitem').first().waitFor();
        const samples: number[] = [];
        for (let i = 0; i < SAMPLES; i++) {
          const text = `bench text ${i} ${Date.now()}`;
          const t = performance.now();
          await phone.deliverInbound(chatPhone, text);
          await transcript.getByText(text).waitFor({ timeout: 10_000 });
          samples.push(performance.now() - t);
        }
        samples.sort((a, b) => a - b);
        const worst = samples.at(-1)!;
        rows.push(
          { name: `customer text → visible in the console, median of ${SAMPLES} (${agentName}, real Chromium)`, value: `${(percentile(samples, 50) / 1000).toFixed(2)} s`, budget: '', command },
          { name: `customer text → visible in the console, worst of ${SAMPLES}`, value: `${(worst / 1000).toFixed(2)} s`, budget: '≤ 2 s', ok: worst <= 2000, command },
        );
      } finally {
        await browser.close();
      }
      return rows;
    } finally {
      stack.kill('SIGTERM');
    }
  },
};
export default section;
