import { mkdir } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, type DocumentClient } from '../lambdas/adapters/dynamodb/document-client.js';
import { conversationsTable, directoryTable } from '../lambdas/adapters/dynamodb/table-schema.js';

export interface LocalStore {
  endpoint: string;
  client: DocumentClient;
  close(): Promise<void>;
}

/** Credentials the embedded store accepts; they reach no AWS endpoint. */
export const LOCAL_AWS = { region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

/**
 * The embedded DynamoDB-compatible store (dynalite on LevelDB), in memory or persisted
 * under `path`, with Switchboard's tables created if missing.
 */
export async function startLocalStore(options: {
  path?: string;
  port?: number;
  tables: { directory: string; conversations: string };
}): Promise<LocalStore> {
  if (options.path) await mkdir(options.path, { recursive: true });
  const worker = new Worker(new URL('./dynalite-worker.mjs', import.meta.url), {
    workerData: { path: options.path, port: options.port ?? 0 },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { port?: number; error?: string }) =>
      message.port ? resolve(message.port) : reject(new Error(`The local store could not start: ${message.error}`)),
    );
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await ensureTables(new DynamoDBClient({ ...LOCAL_AWS, endpoint }), options.tables);
  const client = createDocumentClient({ ...LOCAL_AWS, endpoint });
  return {
    endpoint,
    client,
    close: async () => {
      client.destroy();
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('close');
      await exited;
    },
  };
}

export async function ensureTables(client: DynamoDBClient, tables: { directory: string; conversations: string }): Promise<void> {
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  if (!TableNames.includes(tables.directory)) await client.send(new CreateTableCommand(directoryTable(tables.directory)));
  if (!TableNames.includes(tables.conversations)) {
    await client.send(new CreateTableCommand(conversationsTable(tables.conversations)));
  }
}
