import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDocumentClient } from '../../adapters/dynamodb/document-client.js';
import { SnsEventPublisher } from '../../adapters/sns/sns-event-publisher.js';
import { SqsOutboundQueue } from '../../adapters/sqs/sqs-outbound-queue.js';
import { coreSettingsSchema, messagingSettingsSchema, readSettings, storeSettingsSchema } from '../config.js';
import { conversationDeps } from '../conversation-deps.factory.js';
import { once, onceAsync } from '../webhook-deps.js';

/**
 * What every Switchboard Lambda shares, created once per container: settings (validated,
 * failing fast with the setting's name), the DynamoDB client, the topic and the queue.
 */
export const lambdaShared = once(() => {
  const settings = readSettings(coreSettingsSchema.extend(storeSettingsSchema.shape).extend(messagingSettingsSchema.shape));
  const outbound = new SqsOutboundQueue(new SQSClient({}), settings.OUTBOUND_QUEUE_URL);
  const conversation = conversationDeps(createDocumentClient(), settings, new SnsEventPublisher(new SNSClient({}), settings.EVENTS_TOPIC_ARN));
  return { settings, conversation, outbound };
});

const secrets = once(() => new SecretsManagerClient({}));

/** A secret's value, fetched on first use and kept; a failed fetch is retried next time. */
export function secretValue(secretId: string): () => Promise<string> {
  return onceAsync(async () => {
    const { SecretString } = await secrets().send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!SecretString) throw new Error(`The secret ${secretId} is empty`);
    return SecretString.trim();
  });
}
