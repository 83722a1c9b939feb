import { z } from 'zod';

/** Clock skew tolerated between a technician's phone and the server. */
const MAX_SKEW_MS = 2 * 60_000;

export function locationSchema(now: Date) {
  return z.object({
    lat: z.number({ error: 'lat must be a number' }).min(-90, 'lat must be between -90 and 90').max(90, 'lat must be between -90 and 90'),
    lng: z.number({ error: 'lng must be a number' }).min(-180, 'lng must be between -180 and 180').max(180, 'lng must be between -180 and 180'),
    at: z.iso
      .datetime({ offset: true, error: 'at must be an ISO-8601 timestamp' })
      .transform((at) => new Date(at).toISOString())
      .refine((at) => Date.parse(at) <= now.getTime() + MAX_SKEW_MS, 'at is in the future'),
  });
}

export const jobStatusSchema = z.object({
  status: z.enum(['en_route', 'on_site', 'completed'], { error: 'status must be en_route, on_site or completed' }),
});
