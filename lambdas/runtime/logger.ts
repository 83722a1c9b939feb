import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The structured logger. Nothing logged may carry a phone number in clear (use
 * maskPhone) or a message body; the Lambda event is never logged.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'switchboard',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
});
