import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { consolePage } from '../console/console-page.js';

/** GET /console: the agent console, one self-contained page that calls the agent API. */
export const handler = async (): Promise<APIGatewayProxyStructuredResultV2> => ({
  statusCode: 200,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    // Same-origin only: the page talks to this API and nowhere else.
    'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  },
  body: await consolePage(),
});
