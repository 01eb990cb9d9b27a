import { createContext, useContext } from 'react';
import type { ComparisonStore } from '../../store/comparison';
import type { LinkController } from './links';
import type { SessionController } from './sessionController';

export interface SessionContextValue {
  session: SessionController;
  links: LinkController;
  comparison: ComparisonStore;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionContext.Provider>');
  return value;
}
