import { INTENT_METRIC, type CountMetric, type DurationMetric, type MetricsRecorder } from '../../core/metrics.js';

export interface RecordedMetric {
  name: string;
  unit: 'Count' | 'Milliseconds';
  value: number;
  dimensions: Record<string, string>;
}

/** How many recent data points are kept (a long-running local stack stays small). */
const KEPT = 20_000;

/** Metrics kept in memory (the local stack and tests): what Powertools would have published. */
export class InMemoryMetrics implements MetricsRecorder {
  readonly published: RecordedMetric[] = [];
  private pending: RecordedMetric[] = [];

  count(metric: CountMetric, value = 1): void {
    this.pending.push({ name: metric, unit: 'Count', value, dimensions: {} });
  }

  duration(metric: DurationMetric, ms: number): void {
    this.pending.push({ name: metric, unit: 'Milliseconds', value: ms, dimensions: {} });
  }

  intentRecognised(intent: string): void {
    this.pending.push({ name: INTENT_METRIC, unit: 'Count', value: 1, dimensions: { intent } });
  }

  flush(): void {
    this.published.push(...this.pending.splice(0));
    if (this.published.length > KEPT) this.published.splice(0, this.published.length - KEPT);
  }

  /** Sum of a published metric, optionally for one dimension value. */
  total(name: string, dimensions: Record<string, string> = {}): number {
    return this.published
      .filter((metric) => metric.name === name && Object.entries(dimensions).every(([key, value]) => metric.dimensions[key] === value))
      .reduce((sum, metric) => sum + metric.value, 0);
  }

  /** Every published value of a metric (e.g. the latencies). */
  values(name: string): number[] {
    return this.published.filter((metric) => metric.name === name).map((metric) => metric.value);
  }
}
