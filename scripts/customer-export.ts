import { writeFile } from 'node:fs/promises';
import { DynamoCustomerData } from '../lambdas/adapters/dynamodb/customer-data.js';
import { readSettings, storeSettingsSchema } from '../lambdas/runtime/config.js';
import { fail, option, storeClient, storeFailure } from './store-client.js';

/**
 * `npm run customer:export -- C-1001 [--out file.json] [--aws]`: everything stored about a
 * customer, for a data request: the record, phone links, appointments, threads (opt-out
 * state), conversations and full transcripts, as JSON (stdout, or the --out file).
 */
const args = process.argv.slice(2);
const customerId = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--out');
if (!customerId) fail('Usage: npm run customer:export -- CUSTOMER_ID [--out file.json] [--aws]');
const settings = readSettings(storeSettingsSchema);
const client = storeClient(args);

try {
  const data = new DynamoCustomerData(client, { directory: settings.DIRECTORY_TABLE, conversations: settings.CONVERSATIONS_TABLE });
  const items = await data.find(customerId);
  if (!items) fail(`No customer ${customerId}.`);
  const json = JSON.stringify(DynamoCustomerData.toExport(items, new Date()), null, 2);
  const out = option(args, 'out');
  if (out) {
    await writeFile(out, `${json}\n`);
    console.error(`Wrote ${out}: ${items.conversations.length} conversations, ${items.conversations.reduce((n, c) => n + c.transcript.length, 0)} messages.`);
  } else {
    console.log(json);
  }
} catch (error) {
  fail(storeFailure('Export', error));
} finally {
  client.destroy();
}
