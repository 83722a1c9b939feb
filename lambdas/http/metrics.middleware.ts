import type { MiddlewareObj } from '@middy/core';
import type { MetricsRecorder } from '../core/metrics.js';

/** Publishes the invocation's metrics when it ends, answered or failed, so none carry over to the next one. */
export function flushMetrics<Event, Result>(metrics: MetricsRecorder): MiddlewareObj<Event, Result> {
  const flush = async () => metrics.flush();
  return { after: flush, onError: flush };
}
