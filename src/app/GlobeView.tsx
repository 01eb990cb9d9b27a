import { useEffect, useRef } from 'react';
import { TwinGlobe } from '../globe/TwinGlobe';
import type { SceneFile } from '../domain/scene';
import { useApp } from './context';

/** Hosts the 3D view; sets data-twin-ready on <html> once the first scene is fully drawn. */
export function GlobeView({ scene, msaaSamples, onError, kiosk = false }: { scene: SceneFile; msaaSamples: number; onError: (message: string) => void; kiosk?: boolean }) {
  const { store, globe } = useApp();
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    let created: TwinGlobe;
    try {
      created = new TwinGlobe(container.current, store, { msaaSamples, time: scene.time, camera: scene.camera, kiosk }, () => {
        document.documentElement.dataset.twinReady = 'true';
      });
    } catch (error) {
      onError((error as Error).message);
      return;
    }
    globe.current = created;
    return () => {
      globe.current = null;
      created.destroy();
    };
  }, [store, globe, scene, msaaSamples, onError, kiosk]);
  return <div className="globe" ref={container} />;
}
