import { Metrics } from '@aws-lambda-powertools/metrics';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { LocationClient } from '@aws-sdk/client-location';
import { AmazonLocationTravelTime } from '../../adapters/location/amazon-location-travel-time.js';
import { logger } from '../logger.js';
import { createDocumentClient } from '../../adapters/dynamodb/document-client.js';
import { PowertoolsMetricsRecorder } from '../../adapters/powertools/powertools-metrics-recorder.js';
import { SnsEventPublisher } from '../../adapters/sns/sns-event-publisher.js';
import { SqsOutboundQueue } from '../../adapters/sqs/sqs-outbound-queue.js';
import type { EventPublisher, OutboundQueue } from '../../core/ports.js';
import { ConfigurationError, coreSettingsSchema, messagingSettingsSchema, readSettings, storeSettingsSchema } from '../config.js';
import { conversationDeps } from '../conversation-deps.factory.js';
import { once, onceAsync } from '../deps.js';

/**
 * What every Switchboard Lambda shares, created once per container: settings (validated,
 * failing fast with the setting's name), the DynamoDB client, the topic and the queue.
 * A function without the topic or the queue (least privilege) fails loudly if it ever
 * tries to use them.
 */
export const lambdaShared = once(() => {
  const settings = readSettings(coreSettingsSchema.extend(storeSettingsSchema.shape).extend(messagingSettingsSchema.shape));
  const events: EventPublisher = settings.EVENTS_TOPIC_ARN
    ? new SnsEventPublisher(new SNSClient({}), settings.EVENTS_TOPIC_ARN)
    : { publish: () => Promise.reject(new ConfigurationError('EVENTS_TOPIC_ARN is not set for this function')) };
  const outbound: OutboundQueue = settings.OUTBOUND_QUEUE_URL
    ? new SqsOutboundQueue(new SQSClient({}), settings.OUTBOUND_QUEUE_URL)
    : { enqueue: () => Promise.reject(new ConfigurationError('OUTBOUND_QUEUE_URL is not set for this function')) };
  const client = createDocumentClient();
  const conversation = conversationDeps(client, settings, events);
  if (process.env.ROUTE_CALCULATOR_NAME) {
    // Road travel times when the stack configures an Amazon Location route calculator.
    conversation.travel = new AmazonLocationTravelTime(new LocationClient({}), process.env.ROUTE_CALCULATOR_NAME, conversation.travel, (error) =>
      logger.warn('route calculator unavailable, using the haversine model', { error: (error as Error).name }),
    );
  }
  return { settings, client, conversation, outbound };
});

/** The product metrics (EMF on stdout): namespace and `service` from the POWERTOOLS_* settings the CDK sets. */
export const lambdaMetrics = once(() => new PowertoolsMetricsRecorder(new Metrics()));

/** Requires settings a particular function cannot run without (named in the error). */
export function requireSettings<K extends string>(...names: K[]): void {
  const missing = names.filter((name) => !process.env[name]);
  if (missing.length > 0) throw new ConfigurationError(`Invalid configuration: ${missing.join(', ')} must be set`);
}

const secrets = once(() => new SecretsManagerClient({}));

/** A secret's value, fetched on first use and kept; a failed fetch is retried next time. */
export function secretValue(secretId: string): () => Promise<string> {
  return onceAsync(async () => {
    const { SecretString } = await secrets().send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!SecretString) throw new Error(`The secret ${secretId} is empty`);
    return SecretString.trim();
  });
}
