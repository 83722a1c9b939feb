import path from 'node:path';
import { LOCAL_DEFAULTS, startLocalStack } from './local-stack.js';

/**
 * `npm start [-- --memory]`: the whole product locally. Data persists under .data/
 * unless --memory; demo data is loaded when the store is empty. `npm start` gives V8 a
 * 32 MB young generation: every text allocates a few hundred KB in the AWS SDK, and the
 * default one made the collector a tenth of the CPU under load (`npm run bench -- load`).
 */
// Lambda runs Node 22; on a Node 20 development machine the AWS SDK's upgrade notice is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const memory = process.argv.includes('--memory');
const port = Number(process.env.PORT ?? LOCAL_DEFAULTS.PORT);
const dynamoPort = Number(process.env.DYNAMODB_PORT ?? LOCAL_DEFAULTS.DYNAMODB_PORT);

const stack = await startLocalStack({
  port,
  dynamoPort,
  dataPath: memory ? undefined : path.resolve('.data/dynalite'),
  seedDemo: true,
});

console.log(`Switchboard is running (${memory ? 'in memory' : 'data in .data/'}):
  Phone simulator   ${stack.url}/phone
  Agent console     ${stack.url}/console   (tokens: agent-ana-token, agent-ben-token)
  Twilio webhook    ${stack.url}/webhooks/twilio/messages   (signed against ${stack.webhook.publicBaseUrl})
  Local outbox      ${stack.url}/local/outbox
  Technician API    ${stack.url}/api/jobs/{id}/status   (tokens: tech-t7-token, tech-t8-token)
  DynamoDB (local)  ${stack.store.endpoint}   (npm run import -- FILE.json loads data here)
Press Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stack.close().then(() => process.exit(0));
  });
}
