import { CalculateRouteCommand } from '@aws-sdk/client-location';
import { describe, expect, test } from 'vitest';
import { AmazonLocationTravelTime } from '../../../lambdas/adapters/location/amazon-location-travel-time.js';
import { haversineTravelTime } from '../../../lambdas/core/eta/travel-time.js';

// Amazon Location cannot run here: a stand-in client answers like the service, behind the SDK's own command.
function client(answer: (command: CalculateRouteCommand) => unknown) {
  const sent: CalculateRouteCommand[] = [];
  return {
    sent,
    send: async (command: CalculateRouteCommand) => {
      sent.push(command);
      const result = answer(command);
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

const fallback = haversineTravelTime({ roadFactor: 1.35, averageSpeedKmh: 40 });
const austin = { lat: 30.2672, lng: -97.7431 };
const airport = { lat: 30.1975, lng: -97.6664 };

describe('road travel times from Amazon Location', () => {
  test('asks the calculator for a car route in [lng, lat] order and uses its duration', async () => {
    const stub = client(() => ({ Summary: { DurationSeconds: 1260 } }));
    const travel = new AmazonLocationTravelTime(stub as never, 'switchboard-routes', fallback);
    expect(await travel.minutes(austin, airport)).toBe(21);
    expect(stub.sent[0]!.input).toMatchObject({
      CalculatorName: 'switchboard-routes',
      DeparturePosition: [-97.7431, 30.2672],
      DestinationPosition: [-97.6664, 30.1975],
      TravelMode: 'Car',
    });
  });

  test.each([
    ['the service fails', () => Object.assign(new Error('throttled'), { name: 'ThrottlingException' })],
    ['there is no route', () => ({ Summary: {} })],
  ])('falls back to the haversine model when %s', async (_label, answer) => {
    const fallbacks: unknown[] = [];
    const travel = new AmazonLocationTravelTime(client(answer) as never, 'switchboard-routes', fallback, (e) => fallbacks.push(e));
    expect(await travel.minutes(austin, airport)).toBeCloseTo(await fallback.minutes(austin, airport), 6);
    expect(fallbacks).toHaveLength(1);
  });
});
