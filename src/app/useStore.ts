/**
 * The thin React binding of the twin's store (src/store/store.ts is a vanilla zustand store that
 * imports nothing from React or from app/): panels read slices of state through `useTwin`, as
 * zustand's own `useStore` binds its vanilla stores.
 */
import { useStore } from 'zustand';
import type { TwinState, TwinStore } from '../store/store';

/** A slice of the twin's state; the component renders again when the slice changes. */
export function useTwin<T>(store: TwinStore, selector: (state: TwinState) => T): T {
  return useStore(store, selector);
}
