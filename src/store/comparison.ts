/**
 * The split view's state, beside the twin's store: view mode, divider, and what the right side
 * (the scenario) shows; the left side is today, drawn from the twin's own state. Plain data only:
 * src/globe/comparison.ts draws it.
 */
import { createStore } from 'zustand/vanilla';
import type { RouteDrawing } from './store';

export type ViewMode = 'single' | 'split' | 'swipe';

export interface ComparisonState {
  mode: ViewMode;
  /** Divider position, share of the width from the left (0–1). */
  divider: number;
  /** Street-light levels of the scenario at the twin's time (right side), or null. */
  rightLampLevels: Float32Array | null;
  /** Collection rounds of the baseline (left) and of the scenario (right), or null. */
  leftRoutes: RouteDrawing | null;
  rightRoutes: RouteDrawing | null;
  /** Labels above each side. */
  leftLabel: { fr: string; en: string } | null;
  rightLabel: { fr: string; en: string } | null;
}

export function createComparisonStore() {
  return createStore<ComparisonState>()(() => ({
    mode: 'single',
    divider: 0.5,
    rightLampLevels: null,
    leftRoutes: null,
    rightRoutes: null,
    leftLabel: null,
    rightLabel: null,
  }));
}
export type ComparisonStore = ReturnType<typeof createComparisonStore>;
