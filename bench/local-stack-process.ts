import { spawn, type ChildProcess } from 'node:child_process';

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
