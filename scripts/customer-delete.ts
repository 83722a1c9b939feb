import { DynamoCustomerData } from '../lambdas/adapters/dynamodb/customer-data.js';
import { readSettings, storeSettingsSchema } from '../lambdas/runtime/config.js';
import { fail, storeClient, storeFailure } from './store-client.js';

/**
 * `npm run customer:delete -- C-1001 --yes [--aws]`: the right to be forgotten. Deletes every
 * item keyed by the customer (profile, phone links, appointments, threads, conversations,
 * transcripts, read marks, outbound links, idempotency records of their texts) and prints
 * what it removed. Without --yes it only lists what it would remove.
 */
const args = process.argv.slice(2);
const customerId = args.find((arg) => !arg.startsWith('--'));
if (!customerId) fail('Usage: npm run customer:delete -- CUSTOMER_ID --yes [--aws]');
const settings = readSettings(storeSettingsSchema);
const client = storeClient(args);

try {
  const data = new DynamoCustomerData(client, { directory: settings.DIRECTORY_TABLE, conversations: settings.CONVERSATIONS_TABLE });
  const items = await data.find(customerId);
  if (!items) fail(`No customer ${customerId}.`);
  if (!args.includes('--yes')) {
    console.log(`Would remove customer ${customerId}: ${items.phoneLinks.length} phone links, ${items.appointments.length} appointments, ${items.conversations.length} conversations. Add --yes to delete.`);
    process.exit(1);
  }
  const removed = await data.erase(items);
  console.log(`Removed customer ${customerId}: ${Object.entries(removed).map(([kind, count]) => `${count} ${kind}`).join(', ')}.`);
} catch (error) {
  fail(storeFailure('Delete', error));
} finally {
  client.destroy();
}
