/**
 * The product's own metrics (namespace `Switchboard`, dimension `service`; read by the
 * CloudWatch dashboard and alarms). docs/operations.md says what each one counts.
 */
export const COUNT_METRICS = ['MessagesIn', 'MessagesOut', 'Automated', 'Escalated', 'SendFailures'] as const;
export type CountMetric = (typeof COUNT_METRICS)[number];

/** ReplyLatency: an inbound text to its reply; QueueWait: an escalated chat to an agent's claim. */
export const DURATION_METRICS = ['ReplyLatency', 'QueueWait'] as const;
export type DurationMetric = (typeof DURATION_METRICS)[number];

/** Per-intent counts: a metric of its own, with the `intent` dimension beside `service`. */
export const INTENT_METRIC = 'IntentRecognised';
/** The intent dimension's value for a text the engine was not confident about. */
export const NO_INTENT = 'none';

/** Where the edges (handlers, composition roots) record what happened in one invocation. */
export interface MetricsRecorder {
  /** Adds to a counter (unit Count). */
  count(metric: CountMetric, value?: number): void;
  /** A duration in milliseconds. */
  duration(metric: DurationMetric, ms: number): void;
  /** One text read as `intent` (or NO_INTENT). */
  intentRecognised(intent: string): void;
  /** Publishes what was recorded (on Lambda: EMF lines on stdout); called once per invocation. */
  flush(): void;
}
