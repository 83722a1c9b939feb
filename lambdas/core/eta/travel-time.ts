import type { GeoPoint } from '../domain/directory.js';

/** Driving time between two points. A road-routing service can implement it on AWS. */
export interface TravelTimeEstimator {
  minutes(from: GeoPoint, to: GeoPoint): Promise<number>;
}

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Straight-line distance × a road factor, driven at an average speed. */
export function haversineTravelTime(options: { roadFactor: number; averageSpeedKmh: number }): TravelTimeEstimator {
  return {
    async minutes(from, to) {
      return ((haversineKm(from, to) * options.roadFactor) / options.averageSpeedKmh) * 60;
    },
  };
}
