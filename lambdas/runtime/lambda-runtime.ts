import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { coreSettingsSchema, readSettings, storeSettingsSchema, webhookSettingsSchema } from './config.js';
import { conversationDeps } from './conversation-deps.factory.js';
import { once, onceAsync, type WebhookDeps } from './webhook-deps.js';

/** Composition root on AWS Lambda: clients and settings once per container. */
const lambdaSettingsSchema = coreSettingsSchema
  .extend(storeSettingsSchema.shape)
  .extend(webhookSettingsSchema.shape)
  .extend({ TWILIO_AUTH_TOKEN_SECRET_ID: z.string().min(1) });

export const lambdaWebhookDeps = once((): WebhookDeps => {
  const settings = readSettings(lambdaSettingsSchema);
  const secrets = new SecretsManagerClient({});
  const authToken = onceAsync(async () => {
    const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: settings.TWILIO_AUTH_TOKEN_SECRET_ID }));
    if (!SecretString) throw new Error('The Twilio auth token secret is empty');
    return SecretString.trim();
  });
  return {
    conversation: conversationDeps(createDocumentClient(), settings),
    twilioAuthToken: authToken,
    publicBaseUrl: settings.PUBLIC_BASE_URL,
  };
});
