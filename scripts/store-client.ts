import { createDocumentClient, type DocumentClient } from '../lambdas/adapters/dynamodb/document-client.js';
import { LOCAL_AWS } from '../local/dynalite-store.js';
import { LOCAL_DEFAULTS } from '../local/local-stack.js';

/**
 * The store the data scripts work on: the running local stack by default (DYNAMODB_ENDPOINT
 * or the local default port), or with `--aws` the deployed tables, named by DIRECTORY_TABLE
 * and CONVERSATIONS_TABLE (the stack's outputs), with credentials from the usual AWS chain.
 */
export function storeClient(args: readonly string[]): DocumentClient {
  return args.includes('--aws')
    ? createDocumentClient()
    : createDocumentClient({
        ...LOCAL_AWS,
        endpoint: process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${LOCAL_DEFAULTS.DYNAMODB_PORT}`,
      });
}

/** What to tell the user when the store failed: an unreachable local stack gets a hint. */
export function storeFailure(action: string, error: unknown): string {
  const { name, message } = error as Error;
  const unreachable =
    name === 'ResourceNotFoundException' || /ECONNREFUSED/.test(String(message)) || (error as { code?: string }).code === 'ECONNREFUSED';
  return unreachable
    ? 'Cannot reach the store: is the local stack running (npm start)? Use --aws for deployed tables.'
    : `${action} failed: ${message}`;
}

/** The value after `--name` on the command line. */
export function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

/** Prints the message and exits with 1. */
export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
