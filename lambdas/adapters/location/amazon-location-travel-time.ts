import { CalculateRouteCommand, type LocationClient } from '@aws-sdk/client-location';
import type { GeoPoint } from '../../core/domain/directory.js';
import type { TravelTimeEstimator } from '../../core/eta/travel-time.js';

/**
 * Road travel times from an Amazon Location Service route calculator. When the service
 * fails or has no route, the haversine model answers instead: an ETA a bit less exact
 * beats no ETA.
 */
export class AmazonLocationTravelTime implements TravelTimeEstimator {
  constructor(
    private readonly client: Pick<LocationClient, 'send'>,
    private readonly calculatorName: string,
    private readonly fallback: TravelTimeEstimator,
    private readonly onFallback: (error: unknown) => void = () => undefined,
  ) {}

  async minutes(from: GeoPoint, to: GeoPoint): Promise<number> {
    try {
      const result = await this.client.send(
        new CalculateRouteCommand({
          CalculatorName: this.calculatorName,
          // Amazon Location takes [longitude, latitude].
          DeparturePosition: [from.lng, from.lat],
          DestinationPosition: [to.lng, to.lat],
          TravelMode: 'Car',
          DepartNow: true,
        }),
      );
      const seconds = result.Summary?.DurationSeconds;
      if (typeof seconds === 'number' && Number.isFinite(seconds)) return seconds / 60;
      throw new Error('no route duration in the answer');
    } catch (error) {
      this.onFallback(error);
      return this.fallback.minutes(from, to);
    }
  }
}
