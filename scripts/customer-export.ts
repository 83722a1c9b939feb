import { writeFile } from 'node:fs/promises';
import { DynamoCustomerData } from '../lambdas/adapters/dynamodb/customer-data.js';
import { withCustomer } from './customer-data.js';
import { option } from './store-client.js';

/**
 * `npm run customer:export -- C-1001 [--out file.json] [--aws]`: everything stored about a
 * customer, for a data request: the record, phone links, appointments, threads (opt-out
 * state), conversations and full transcripts, as JSON (stdout, or the --out file).
 */
const args = process.argv.slice(2);
await withCustomer(args, 'Usage: npm run customer:export -- CUSTOMER_ID [--out file.json] [--aws]', async (_data, items) => {
  const json = JSON.stringify(DynamoCustomerData.toExport(items, new Date()), null, 2);
  const out = option(args, 'out');
  if (!out) return void console.log(json);
  await writeFile(out, `${json}\n`);
  const messages = items.conversations.reduce((n, conversation) => n + conversation.transcript.length, 0);
  console.error(`Wrote ${out}: ${items.conversations.length} conversations, ${messages} messages.`);
});
