// Placeholder entry so the CDK app can bundle it; the middy wiring lands with the webhook.
export const handler = async () => ({ statusCode: 501, body: 'not implemented yet' });
