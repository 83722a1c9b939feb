import { z } from 'zod';
import { technicianTokenAuthenticator } from '../../http/technician-auth.js';
import { noticeSettingsSchema, readSettings } from '../config.js';
import { once, onceAsync, type TechnicianApiDeps } from '../deps.js';
import { lambdaShared, secretValue } from './shared.js';

/** Composition root of the technician API on AWS: tokens from a Secrets Manager JSON map. */
export const lambdaTechnicianApiDeps = once((): TechnicianApiDeps => {
  const { conversation, outbound } = lambdaShared();
  const own = readSettings(noticeSettingsSchema.extend({ TECHNICIAN_TOKENS_SECRET_ID: z.string().min(1) }));
  const secret = secretValue(own.TECHNICIAN_TOKENS_SECRET_ID);
  const tokens = onceAsync(async () => z.record(z.string(), z.string().min(16)).parse(JSON.parse(await secret())));
  return {
    notices: { ...conversation, outbound, quietHours: own.QUIET_HOURS },
    authenticate: technicianTokenAuthenticator(tokens),
  };
});
