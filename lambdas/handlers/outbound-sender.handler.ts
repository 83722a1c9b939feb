import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/**
 * Placeholder so the CDK app can bundle this entry (SQS event source on the outbound queue).
 * The real sender replaces it; until then every message is reported failed, so none is lost.
 */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => ({
  batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })),
});
