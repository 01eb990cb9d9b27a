import { CustomHeightmapTerrainProvider, GeographicTilingScheme, Math as CesiumMath } from 'cesium';
import { sampleHeight } from '../domain/heightmap';
import type { Heightmap } from '../domain/territory';

const TILE_SAMPLES = 33;

/** Terrain from the territory's heightmap; outside it, the edge heights carry on (the globe is clipped anyway). */
export function createTerrainProvider(heightmap: Heightmap): CustomHeightmapTerrainProvider {
  const tilingScheme = new GeographicTilingScheme();
  return new CustomHeightmapTerrainProvider({
    width: TILE_SAMPLES,
    height: TILE_SAMPLES,
    tilingScheme,
    callback: (x, y, level) => {
      const rectangle = tilingScheme.tileXYToRectangle(x, y, level);
      const west = CesiumMath.toDegrees(rectangle.west);
      const east = CesiumMath.toDegrees(rectangle.east);
      const north = CesiumMath.toDegrees(rectangle.north);
      const south = CesiumMath.toDegrees(rectangle.south);
      const heights = new Float32Array(TILE_SAMPLES * TILE_SAMPLES);
      for (let row = 0; row < TILE_SAMPLES; row++) {
        const lat = north - ((north - south) * row) / (TILE_SAMPLES - 1);
        for (let col = 0; col < TILE_SAMPLES; col++) {
          const lon = west + ((east - west) * col) / (TILE_SAMPLES - 1);
          heights[row * TILE_SAMPLES + col] = sampleHeight(heightmap, lon, lat);
        }
      }
      return heights;
    },
  });
}
