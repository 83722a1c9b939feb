import type { APIGatewayProxyResultV2 } from 'aws-lambda';

/** Placeholder so the CDK app can bundle this entry: GET /console. The real handler replaces it. */
export const handler = async (): Promise<APIGatewayProxyResultV2> => ({ statusCode: 501, body: 'Not implemented' });
