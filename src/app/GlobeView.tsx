import { useEffect, useRef, useState } from 'react';
import { TwinGlobe } from '../globe/TwinGlobe';
import type { SceneFile } from '../domain/scene';
import { useApp } from './context';
import { useSession } from './session/context';
import { SplitComparison } from '../globe/comparison';

/** Times the 3D view was rebuilt after a lost WebGL context or a render error (for stats). */
export const globeRecoveries = { count: 0, lastReason: '' };

/**
 * Hosts the 3D view; sets data-twin-ready on <html> once the first scene is fully drawn. A lost
 * WebGL context or an error in the render loop rebuilds the view in place, without a reload
 * (a `vigie:globe-recovered` event on window says so).
 */
export function GlobeView({ scene, msaaSamples, onError, kiosk = false }: { scene: SceneFile; msaaSamples: number; onError: (message: string) => void; kiosk?: boolean }) {
  const { store, globe } = useApp();
  const { comparison } = useSession();
  const container = useRef<HTMLDivElement>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!container.current) return;
    let created: TwinGlobe;
    const recovering = generation > 0;
    try {
      created = new TwinGlobe(
        container.current,
        store,
        {
          msaaSamples,
          time: scene.time,
          camera: scene.camera,
          kiosk,
          onLost: (reason) => {
            globeRecoveries.count++;
            globeRecoveries.lastReason = reason;
            document.documentElement.dataset.twinReady = 'false';
            // Rebuilt on the next tick, out of Cesium's event handler.
            setTimeout(() => setGeneration((value) => value + 1), 0);
          },
        },
        () => {
          document.documentElement.dataset.twinReady = 'true';
          if (recovering) window.dispatchEvent(new CustomEvent('vigie:globe-recovered'));
        },
      );
    } catch (error) {
      onError((error as Error).message);
      return;
    }
    globe.current = created;
    // Split view: per-side primitives for what Cesium's split does not cover (src/globe/comparison.ts).
    const split = new SplitComparison(created, store, comparison);
    created.onBuilt = () => split.refresh();
    return () => {
      split.destroy();
      globe.current = null;
      try {
        created.destroy();
      } catch {
        // A lost context can make Cesium's own clean-up throw: the canvas goes with it anyway.
      }
    };
  }, [store, globe, scene, msaaSamples, onError, comparison, kiosk, generation]);
  return <div className="globe" ref={container} />;
}
