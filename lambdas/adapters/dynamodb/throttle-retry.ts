/** DynamoDB's answers that mean "too fast, try again later". */
const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

export function isThrottling(error: unknown): boolean {
  return THROTTLING.has((error as { name?: string } | undefined)?.name ?? '');
}

export interface RetryOptions {
  /** Tries in all, the first included. */
  maxAttempts?: number;
  /** The first backoff's ceiling; each retry doubles it (capped at `maxDelayMs`). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Hears of each retry (for the summary). */
  onRetry?: (attempt: number, delayMs: number) => void;
}

/**
 * The same object, whose async methods are tried again when DynamoDB throttles them:
 * exponential backoff with full jitter (a random wait up to base × 2^attempt). On top of
 * the SDK's own few retries, for bulk operations (import, erasure) that may outrun a
 * table's capacity. Only for methods that are safe to run again (upserts, deletes).
 */
export function retryOnThrottling<T extends object>(target: T, options: RetryOptions = {}): T {
  const { maxAttempts = 8, baseDelayMs = 50, maxDelayMs = 5_000 } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await value.apply(object, args);
          } catch (error) {
            if (!isThrottling(error) || attempt >= maxAttempts) throw error;
            const delay = Math.round(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
            options.onRetry?.(attempt, delay);
            await sleep(delay);
          }
        }
      };
    },
  });
}
