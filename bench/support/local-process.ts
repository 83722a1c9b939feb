import { spawn, type ChildProcess } from 'node:child_process';
import { TwilioStandIn } from '../../local/twilio-stand-in.js';
import { LOCAL_DEFAULTS } from '../../local/local-stack.js';

/** `npm start --memory` in its own process, as a developer runs it; resolves when it serves. */
export async function startLocalProcess(port: number, dynamoPort: number, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  // BENCH_CPU_PROF=dir writes a CPU profile of the stack process there (to find where time goes).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // The same command line as `npm start` (package.json), plus --memory.
  const child = spawn(process.execPath, [...profile, '--max-semi-space-size=32', '--import', 'tsx', 'local/start.ts', '--memory'], {
    env: { ...process.env, PORT: String(port), DYNAMODB_PORT: String(dynamoPort), LOG_LEVEL: 'WARN', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`local stack exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Press Ctrl+C')) resolve();
    });
  });
  return child;
}

/** A Twilio stand-in in the bench process that signs and posts texts to that stack. */
export function phoneFor(port: number): TwilioStandIn {
  return new TwilioStandIn({
    authToken: LOCAL_DEFAULTS.TWILIO_AUTH_TOKEN,
    accountSid: LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID,
    publicBaseUrl: () => `http://localhost:${port}`,
    serverUrl: () => `http://localhost:${port}`,
    companyNumber: LOCAL_DEFAULTS.TWILIO_PHONE_NUMBER,
  });
}

/** The p-th percentile of ascending values; NaN when there are none. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
