import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { INTENT_METRIC, type CountMetric, type DurationMetric, type MetricsRecorder } from '../../core/metrics.js';

/**
 * Powertools Metrics: CloudWatch embedded metric format on stdout, which Lambda's log
 * agent turns into metrics. The `service` dimension comes from POWERTOOLS_SERVICE_NAME and
 * the namespace from POWERTOOLS_METRICS_NAMESPACE (both set by the CDK function construct).
 */
export class PowertoolsMetricsRecorder implements MetricsRecorder {
  constructor(private readonly metrics: Metrics) {}

  count(metric: CountMetric, value = 1): void {
    this.metrics.addMetric(metric, MetricUnit.Count, value);
  }

  duration(metric: DurationMetric, ms: number): void {
    this.metrics.addMetric(metric, MetricUnit.Milliseconds, ms);
  }

  intentRecognised(intent: string): void {
    // A single metric is written at once, with its own dimension set: the counters above keep `service` alone.
    this.metrics.singleMetric().addDimension('intent', intent).addMetric(INTENT_METRIC, MetricUnit.Count, 1);
  }

  flush(): void {
    // An invocation that recorded nothing writes nothing (no empty-metrics warning).
    if (this.metrics.hasStoredMetrics()) this.metrics.publishStoredMetrics();
  }
}
