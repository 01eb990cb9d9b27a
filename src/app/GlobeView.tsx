import { useEffect, useRef } from 'react';
import { TwinGlobe } from '../globe/TwinGlobe';
import type { SceneFile } from '../domain/scene';
import { useApp } from './context';
import { useSession } from './session/context';
import { SplitComparison } from '../globe/comparison';

/** Hosts the 3D view; sets data-twin-ready on <html> once the first scene is fully drawn. */
export function GlobeView({ scene, msaaSamples, onError }: { scene: SceneFile; msaaSamples: number; onError: (message: string) => void }) {
  const { store, globe } = useApp();
  const { comparison } = useSession();
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    let created: TwinGlobe;
    try {
      created = new TwinGlobe(container.current, store, { msaaSamples, time: scene.time, camera: scene.camera }, () => {
        document.documentElement.dataset.twinReady = 'true';
      });
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
      created.destroy();
    };
  }, [store, globe, scene, msaaSamples, onError, comparison]);
  return <div className="globe" ref={container} />;
}
