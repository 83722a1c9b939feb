import { DynamoCustomerData, type CustomerItems } from '../lambdas/adapters/dynamodb/customer-data.js';
import { readSettings, storeSettingsSchema } from '../lambdas/runtime/config.js';
import { fail, storeClient, storeFailure } from './store-client.js';

/**
 * Runs a data-request action on the customer named on the command line (the first
 * argument that is neither an option nor an option's value), in the store the arguments
 * point at; an unknown customer or a store failure exits with 1 and the reason.
 */
export async function withCustomer(
  args: readonly string[],
  usage: string,
  action: (data: DynamoCustomerData, items: CustomerItems, customerId: string) => Promise<void>,
): Promise<void> {
  const customerId = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--out');
  if (!customerId) fail(usage);
  const settings = readSettings(storeSettingsSchema);
  const client = storeClient(args);
  try {
    const data = new DynamoCustomerData(client, { directory: settings.DIRECTORY_TABLE, conversations: settings.CONVERSATIONS_TABLE });
    const items = await data.find(customerId);
    if (!items) fail(`No customer ${customerId}.`);
    await action(data, items, customerId);
  } catch (error) {
    fail(storeFailure('The data request', error));
  } finally {
    client.destroy();
  }
}
