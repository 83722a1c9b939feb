import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import type { BenchRow, BenchSection } from './bench-row.js';

/**
 * The webhook Lambda as deployed: bundled with the same esbuild options as the CDK
 * construct (minified ESM, AWS SDK external), then loaded cold in a fresh Node process.
 */
const ENTRIES = {
  'twilio-messages': 'lambdas/handlers/twilio-messages.handler.ts',
  'twilio-status': 'lambdas/handlers/twilio-status.handler.ts',
  'agent-api': 'lambdas/handlers/agent-api.handler.ts',
  'technician-api': 'lambdas/handlers/technician-api.handler.ts',
  'outbound-sender': 'lambdas/handlers/outbound-sender.handler.ts',
};
/** The budgets of issue 2 hold the webhook that answers customers; the others are reported. */
const BUDGETED = 'twilio-messages';
const BUDGET_BYTES = 1024 * 1024;
const BUDGET_LOAD_MS = 200;
const LOADS = 7;

async function bundle(entry: string, outdir: string): Promise<string> {
  const outfile = path.join(outdir, 'index.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*', '@smithy/*'],
    banner: { js: "import { createRequire as __sbCreateRequire } from 'node:module'; const require = __sbCreateRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return outfile;
}

/** Median wall time of `import()` of the bundle in a new process (what a cold start pays). */
function coldLoadMs(file: string): number {
  const script = `const t=performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now()-t);`;
  const samples = Array.from({ length: LOADS }, () =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, NODE_PATH: path.resolve('node_modules') },
        cwd: process.cwd(),
      }).toString(),
    ),
  ).sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const section: BenchSection = {
  title: 'Lambda bundles (esbuild, minified ESM, as the CDK app builds them)',
  async run() {
    const rows: BenchRow[] = [];
    for (const [name, entry] of Object.entries(ENTRIES)) {
      // Inside the project so the bundle resolves the AWS SDK from node_modules, as the runtime provides it.
      const dir = await mkdtemp(path.join(process.cwd(), 'node_modules', '.bench-'));
      try {
        const file = await bundle(entry, dir);
        const bytes = (await stat(file)).size;
        await writeFile(path.join(dir, 'package.json'), '{"type":"module"}');
        const ms = coldLoadMs(file);
        rows.push({
          name: `${name} bundle size`,
          value: `${(bytes / 1024).toFixed(0)} KiB`,
          budget: name === BUDGETED ? '≤ 1,024 KiB' : '',
          ok: name === BUDGETED ? bytes <= BUDGET_BYTES : undefined,
          command: 'npm run bench -- lambda',
        });
        rows.push({
          name: `${name} cold module load (median of ${LOADS})`,
          value: `${ms.toFixed(0)} ms`,
          budget: name === BUDGETED ? `≤ ${BUDGET_LOAD_MS} ms` : '',
          ok: name === BUDGETED ? ms <= BUDGET_LOAD_MS : undefined,
          command: 'npm run bench -- lambda',
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    return rows;
  },
};
export default section;
