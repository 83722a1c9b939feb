import { withCustomer } from './customer-data.js';

/**
 * `npm run customer:delete -- C-1001 --yes [--aws]`: the right to be forgotten. Deletes every
 * item keyed by the customer (profile, phone links, appointments, threads, conversations,
 * transcripts, read marks, outbound links, idempotency records of their texts) and prints
 * what it removed. Without --yes it only says what it would remove.
 */
const args = process.argv.slice(2);
await withCustomer(args, 'Usage: npm run customer:delete -- CUSTOMER_ID --yes [--aws]', async (data, items, customerId) => {
  if (!args.includes('--yes')) {
    console.log(
      `Would remove customer ${customerId}: ${items.phoneLinks.length} phone links, ${items.appointments.length} appointments, ${items.conversations.length} conversations. Add --yes to delete.`,
    );
    process.exitCode = 1;
    return;
  }
  const removed = await data.erase(items);
  console.log(`Removed customer ${customerId}: ${Object.entries(removed).map(([kind, count]) => `${count} ${kind}`).join(', ')}.`);
});
