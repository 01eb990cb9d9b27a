/** A territory layer written back as a GeoJSON FeatureCollection in the manifest's format (WGS84). */
import type { LayerFeature } from './convert';

export function layerToGeoJson(features: readonly LayerFeature[]): { type: 'FeatureCollection'; features: unknown[] } {
  return {
    type: 'FeatureCollection',
    features: features.map((feature) => {
      if ('coordinates' in feature) {
        const { coordinates, ...properties } = feature;
        return { type: 'Feature', geometry: { type: 'LineString', coordinates }, properties };
      }
      const { position, ...properties } = feature;
      return { type: 'Feature', geometry: { type: 'Point', coordinates: position }, properties };
    }),
  };
}
