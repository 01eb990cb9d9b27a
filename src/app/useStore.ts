/**
 * The thin React binding of the twin's store (src/store/store.ts is a vanilla zustand store that
 * imports nothing from React or from app/): panels read slices of state through `useTwin`, as
 * zustand's own `useStore` binds its vanilla stores.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { TwinState, TwinStore } from '../store/store';

/** A slice of the twin's state; the component renders again when the slice changes. */
export function useTwin<T>(store: TwinStore, selector: (state: TwinState) => T): T {
  return useStore(store, selector);
}

/**
 * As `useTwin`, for a slice that a live restyle may change (the legend's lamp states, the sensors'
 * values): the component renders again in a task after the change rather than in the microtasks of
 * the map's frame, which do not wait for a panel.
 */
export function useTwinAfterFrame<T>(store: TwinStore, selector: (state: TwinState) => T): T {
  const [value, setValue] = useState(() => selector(store.getState()));
  const latest = useRef(selector);
  latest.current = selector;
  const shown = useRef(value);
  shown.current = value;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const update = () => {
      timer = null;
      setValue(latest.current(store.getState()));
    };
    update();
    const unsubscribe = store.subscribe((state) => {
      if (timer === null && !Object.is(latest.current(state), shown.current)) timer = setTimeout(update, 0);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store]);
  return value;
}
