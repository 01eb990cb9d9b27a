import { createContext, useContext } from 'react';
import type { TwinGlobe } from '../globe/TwinGlobe';
import type { TwinStore } from '../store/store';
import type { LightingController } from './lighting/lightingStore';
import type { WasteController } from './waste/wasteStore';
import type { SensorController } from './sensors/sensorController';
import { translate, type MessageKey } from './i18n';
import { useTwin } from './useStore';

export interface AppContextValue {
  store: TwinStore;
  /** The globe, once created. */
  globe: { current: TwinGlobe | null };
  /** The public-lighting what-if. */
  lighting: LightingController;
  /** The waste-collection what-if. */
  waste: WasteController;
  /** Sensor history, live sources and alerts. */
  sensors: SensorController;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp must be used inside <AppContext.Provider>');
  return value;
}

/** The translate function for the current language. */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const { store } = useApp();
  const language = useTwin(store, (state) => state.language);
  return (key, params) => translate(language, key, params);
}
