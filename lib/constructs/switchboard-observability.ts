import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  Stats,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, type SwitchboardFunction } from './switchboard-function.js';

/**
 * The product's own metrics, emitted by the handlers with Powertools Metrics in the
 * `Switchboard` namespace, with the single dimension `service` = POWERTOOLS_SERVICE_NAME, unit Count.
 */
export const PRODUCT_METRICS = {
  MessagesIn: 'inbound texts received (after de-duplication)',
  MessagesOut: 'outbound messages handed to Twilio: bot replies, agent replies, proactive messages',
  Automated: 'inbound texts the bot answered itself',
  Escalated: 'conversations handed to the agent queue',
  SendFailures: 'outbound messages Twilio refused or reported failed/undelivered',
} as const;
export type ProductMetric = keyof typeof PRODUCT_METRICS;

/** Targets the alarms hold the service to. */
export const ALARM_TARGETS = {
  /** Issue 6: the webhook answers within 5 s, well under Twilio's 15 s. */
  webhookP99Ms: 5_000,
  /** 5xx answers in 5 minutes: Twilio calls the fallback URL on each, so a few already matter. */
  api5xxPer5Minutes: 5,
  /** An outbound message older than this is late for a customer waiting on an answer. */
  outboundOldestMessageSeconds: 300,
  /** p90 wait of escalated chats until an agent claims them (QueueWait, ms). */
  queueWaitP90Ms: 15 * 60_000,
  /** Percentage of outbound messages failing, over three 5-minute periods... */
  deliveryFailurePercent: 5,
  /** ...counted only above this many messages per period, so one failure at night is no page. */
  deliveryFailureMinMessages: 20,
};

export interface SwitchboardObservabilityProps {
  readonly environmentName: string;
  /** POWERTOOLS_SERVICE_NAME of the functions: the `service` dimension of the product metrics. */
  readonly serviceName: string;
  readonly api: HttpApi;
  /** The inbound-message webhook, whose latency Twilio feels. */
  readonly webhook: SwitchboardFunction;
  readonly functions: Record<string, SwitchboardFunction>;
  readonly outboundQueue: IQueue;
  readonly outboundDeadLetterQueue: IQueue;
  readonly alarmsTopic: ITopic;
}

const PERIOD = Duration.minutes(5);

/** The environment's CloudWatch dashboard, and alarms that notify the alarms topic (and again when they clear). */
export class SwitchboardObservability extends Construct {
  readonly dashboardName: string;
  readonly alarms: Alarm[] = [];

  private readonly prefix: string;
  private readonly alarmAction: SnsAction;

  constructor(scope: Construct, id: string, props: SwitchboardObservabilityProps) {
    super(scope, id);
    this.prefix = `switchboard-${props.environmentName}`;
    this.alarmAction = new SnsAction(props.alarmsTopic);
    const service = props.serviceName;
    const product = (name: ProductMetric) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { service }, statistic: Stats.SUM, period: PERIOD, label: name });

    const api5xx = props.api.metricServerError({ statistic: Stats.SUM, period: PERIOD, label: 'API 5xx' });
    const webhookP99 = props.webhook.function.metricDuration({ statistic: Stats.p(99), period: PERIOD, label: 'webhook p99 (ms)' });
    const dlqDepth = props.outboundDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period: PERIOD, label: 'DLQ depth' });
    const oldestOutbound = props.outboundQueue.metricApproximateAgeOfOldestMessage({
      statistic: Stats.MAXIMUM,
      period: PERIOD,
      label: 'oldest outbound message (s)',
    });
    const failureRate = new MathExpression({
      expression: `IF(sent >= ${ALARM_TARGETS.deliveryFailureMinMessages}, 100 * failed / sent, 0)`,
      usingMetrics: { sent: product('MessagesOut'), failed: product('SendFailures') },
      period: PERIOD,
      label: 'delivery failure rate (%)',
    });

    const queueWaitP90 = new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: 'QueueWait',
      dimensionsMap: { service },
      statistic: Stats.p(90),
      period: PERIOD,
      label: 'queue wait p90 (ms)',
    });
    const replyLatencyP99 = new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: 'ReplyLatency',
      dimensionsMap: { service },
      statistic: Stats.p(99),
      period: PERIOD,
      label: 'bot reply p99 (ms)',
    });
    this.alarm('QueueWait', queueWaitP90, ALARM_TARGETS.queueWaitP90Ms, 'Customers wait too long for an agent to pick their chat up: add agents or check the console.', {
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
    });
    this.alarm('Api5xx', api5xx, ALARM_TARGETS.api5xxPer5Minutes, 'The HTTP API answered 5xx: Twilio retries or calls the fallback URL; agents see errors.');
    this.alarm('WebhookP99Latency', webhookP99, ALARM_TARGETS.webhookP99Ms, 'The inbound webhook p99 is over its 5 s budget (Twilio gives up at 15 s).', {
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
    });
    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(`${name}Errors`, fn.function.metricErrors({ statistic: Stats.SUM, period: PERIOD }), 1, `${name} function invocations failed.`);
      this.alarm(`${name}Throttles`, fn.function.metricThrottles({ statistic: Stats.SUM, period: PERIOD }), 1, `${name} function was throttled (account or reserved concurrency).`);
    }
    this.alarm('OutboundDeadLetters', dlqDepth, 1, 'Outbound messages failed every retry and wait in the dead-letter queue: inspect and redrive (docs/deploy.md).');
    this.alarm('OutboundQueueAge', oldestOutbound, ALARM_TARGETS.outboundOldestMessageSeconds, 'Outbound messages wait longer than their target: Twilio is failing or the sender is throttled.', {
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
    });
    this.alarm('DeliveryFailureRate', failureRate, ALARM_TARGETS.deliveryFailurePercent, 'Too many outbound messages fail at Twilio (carrier filtering, bad numbers, account problems).', {
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
    });

    const fns = Object.entries(props.functions);
    const perFunction = (metric: (fn: SwitchboardFunction) => IMetric) => fns.map(([name, fn]) => withLabel(metric(fn), name));
    this.dashboardName = this.prefix;
    const dashboard = new Dashboard(this, 'Dashboard', { dashboardName: this.dashboardName, defaultInterval: Duration.hours(24) });
    dashboard.addWidgets(
      new TextWidget({
        markdown: `# Switchboard ${props.environmentName}\nTraffic, webhook health, functions, outbound queue. Product metrics: namespace \`${METRICS_NAMESPACE}\`, service \`${service}\`.`,
        width: 24,
        height: 2,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({ title: 'Messages', left: (Object.keys(PRODUCT_METRICS) as ProductMetric[]).map(product), width: 12 }),
      new GraphWidget({ title: 'Delivery failure rate (%)', left: [failureRate], leftYAxis: { min: 0 }, width: 12 }),
    );
    dashboard.addWidgets(
      new GraphWidget({ title: 'Queue wait until an agent claims (p90, ms)', left: [queueWaitP90], width: 12 }),
      new GraphWidget({ title: 'Bot reply latency (p99, ms)', left: [replyLatencyP99], width: 12 }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'HTTP API requests and errors',
        left: [props.api.metricCount({ statistic: Stats.SUM, period: PERIOD, label: 'requests' })],
        right: [props.api.metricClientError({ statistic: Stats.SUM, period: PERIOD, label: '4xx' }), api5xx],
        width: 12,
      }),
      new GraphWidget({
        title: 'Latency (ms)',
        left: [
          props.api.metricLatency({ statistic: Stats.p(50), period: PERIOD, label: 'API p50' }),
          props.api.metricLatency({ statistic: Stats.p(99), period: PERIOD, label: 'API p99' }),
          webhookP99,
        ],
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({ title: 'Lambda errors', left: perFunction((fn) => fn.function.metricErrors({ statistic: Stats.SUM, period: PERIOD })), width: 8 }),
      new GraphWidget({ title: 'Lambda throttles', left: perFunction((fn) => fn.function.metricThrottles({ statistic: Stats.SUM, period: PERIOD })), width: 8 }),
      new GraphWidget({ title: 'Lambda duration p99 (ms)', left: perFunction((fn) => fn.function.metricDuration({ statistic: Stats.p(99), period: PERIOD })), width: 8 }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Outbound queue',
        left: [oldestOutbound],
        right: [props.outboundQueue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period: PERIOD, label: 'waiting' }), dlqDepth],
        width: 12,
      }),
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 12, height: 6 }),
    );
  }

  /** An alarm at `threshold` or above (unless told otherwise) that notifies the alarms topic when it fires and when it clears. */
  private alarm(
    id: string,
    metric: IMetric,
    threshold: number,
    description: string,
    options: { comparisonOperator?: ComparisonOperator; evaluationPeriods?: number } = {},
  ): Alarm {
    const alarm = new Alarm(this, id, {
      alarmName: `${this.prefix}-${id}`,
      alarmDescription: description,
      metric,
      threshold,
      comparisonOperator: options.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      // No traffic is not an incident.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.alarmAction);
    alarm.addOkAction(this.alarmAction);
    this.alarms.push(alarm);
    return alarm;
  }
}

function withLabel(metric: IMetric, label: string): IMetric {
  return metric instanceof Metric ? metric.with({ label }) : metric;
}
