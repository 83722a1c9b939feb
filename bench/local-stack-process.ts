import { spawn, type ChildProcess } from 'node:child_process';
import { LOCAL_DEFAULTS } from '../local/local-stack.js';
import { TwilioStandIn } from '../local/twilio-stand-in.js';

/** `npm start --memory` in its own process, as a developer runs it; resolves when it serves. */
export async function startStackProcess(ports: { port: number; dynamoPort: number }, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--memory'], {
    env: { ...process.env, PORT: String(ports.port), DYNAMODB_PORT: String(ports.dynamoPort), LOG_LEVEL: 'WARN', ...env },
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

/** A Twilio stand-in that texts the stack on `port` as the local phone simulator does (default token). */
export function standInFor(port: number): TwilioStandIn {
  return new TwilioStandIn({
    authToken: LOCAL_DEFAULTS.TWILIO_AUTH_TOKEN,
    accountSid: LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID,
    publicBaseUrl: () => `http://localhost:${port}`,
    serverUrl: () => `http://localhost:${port}`,
    companyNumber: LOCAL_DEFAULTS.TWILIO_PHONE_NUMBER,
  });
}
