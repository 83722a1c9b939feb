import { describe, expect, test } from 'vitest';
import { retryOnThrottling } from '../../../lambdas/adapters/dynamodb/throttle-retry.js';

const throttled = (name: string) => Object.assign(new Error('slow down'), { name });

/** A store whose `put` fails with the given errors first, then succeeds. */
function flakyStore(failures: Error[]) {
  return {
    calls: 0,
    async put(value: string): Promise<string> {
      this.calls++;
      const failure = failures.shift();
      if (failure) throw failure;
      return `stored ${value}`;
    },
  };
}

describe('retryOnThrottling', () => {
  test('retries throttled calls with growing, jittered waits, then returns the result', async () => {
    const waits: number[] = [];
    const store = flakyStore([throttled('ProvisionedThroughputExceededException'), throttled('ThrottlingException'), throttled('RequestLimitExceeded')]);
    const retrying = retryOnThrottling(store, { baseDelayMs: 100, sleep: async (ms) => void waits.push(ms), random: () => 0.5 });

    await expect(retrying.put('C-1')).resolves.toBe('stored C-1');

    expect(store.calls).toBe(4);
    // Full jitter: a random share (here half) of 100 × 2^attempt.
    expect(waits).toEqual([100, 200, 400]);
  });

  test('waits never exceed the cap', async () => {
    const waits: number[] = [];
    const store = flakyStore(Array.from({ length: 6 }, () => throttled('ThrottlingException')));
    const retrying = retryOnThrottling(store, { baseDelayMs: 100, maxDelayMs: 500, sleep: async (ms) => void waits.push(ms), random: () => 1 });
    await retrying.put('x');
    expect(Math.max(...waits)).toBe(500);
  });

  test('other errors are not retried', async () => {
    const store = flakyStore([throttled('ConditionalCheckFailedException')]);
    const retrying = retryOnThrottling(store, { sleep: async () => {} });
    await expect(retrying.put('x')).rejects.toThrow('slow down');
    expect(store.calls).toBe(1);
  });

  test('gives up after maxAttempts with the throttling error', async () => {
    const store = flakyStore(Array.from({ length: 10 }, () => throttled('ThrottlingException')));
    const retrying = retryOnThrottling(store, { maxAttempts: 3, sleep: async () => {} });
    await expect(retrying.put('x')).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(store.calls).toBe(3);
  });
});
