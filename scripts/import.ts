import { readFile } from 'node:fs/promises';
import { DynamoDirectoryRepository } from '../lambdas/adapters/dynamodb/directory-repository.js';
import { retryOnThrottling } from '../lambdas/adapters/dynamodb/throttle-retry.js';
import { InvalidImportFileError } from '../lambdas/core/import/import-directory.js';
import { importInBatches } from '../lambdas/core/import/import-in-batches.js';
import { readSettings, storeSettingsSchema } from '../lambdas/runtime/config.js';
import { fail, option, storeClient, storeFailure } from './store-client.js';

/**
 * `npm run import -- FILE.json [--aws] [--batch-size 100]`: loads customers, technicians and
 * appointments. By default into the running local stack (DYNAMODB_ENDPOINT or the local
 * default port); with --aws into the deployed tables named by DIRECTORY_TABLE (AWS
 * credentials from the usual chain). Records go in batches; a throttled write is retried
 * with exponential backoff and jitter. Exit code 1 when the file is unusable or any record
 * was rejected.
 */
const args = process.argv.slice(2);
const file = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--batch-size');
if (!file) fail('Usage: npm run import -- FILE.json [--aws] [--batch-size 100]');
const batchSize = Number(option(args, 'batch-size') ?? 100);
if (!Number.isInteger(batchSize) || batchSize < 1) fail('--batch-size must be a whole number of records, 1 or more');

let data: unknown;
try {
  data = JSON.parse(await readFile(file, 'utf8'));
} catch (error) {
  fail(`Cannot read ${file}: ${(error as Error).message}`);
}

const settings = readSettings(storeSettingsSchema);
const client = storeClient(args);
const started = Date.now();
let retries = 0;
const directory = retryOnThrottling(new DynamoDirectoryRepository(client, settings.DIRECTORY_TABLE), { onRetry: () => retries++ });

try {
  const report = await importInBatches(directory, data, batchSize, ({ batch, kind, records }) => {
    if (args.includes('--verbose')) console.error(`batch ${batch}: ${records} ${kind}`);
  });
  const { customers, technicians, appointments } = report.loaded;
  console.log(`Loaded ${customers} customers, ${technicians} technicians, ${appointments} appointments.`);
  for (const problem of report.rejected) {
    console.error(`Rejected ${problem.kind}[${problem.index}]${problem.id ? ` (${problem.id})` : ''}: ${problem.reason}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Summary: ${customers + technicians + appointments} loaded, ${report.rejected.length} rejected, ${report.batches} batches of up to ${batchSize}, ${retries} throttled writes retried, ${seconds} s.`,
  );
  process.exitCode = report.rejected.length > 0 ? 1 : 0;
} catch (error) {
  if (error instanceof InvalidImportFileError) fail(error.message);
  fail(storeFailure('Import', error));
} finally {
  client.destroy();
}
