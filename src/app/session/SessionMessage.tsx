import { useStore } from 'zustand';
import { useSession } from './context';
import { useT } from '../context';

/** A link that did not read, a session not found: said plainly at the top of the page. */
export function SessionMessage() {
  const { session } = useSession();
  const t = useT();
  const message = useStore(session.store, (state) => state.message);
  if (!message) return null;
  return (
    <div className="panel session-message" role="alert" data-testid="session-message">
      <span>{message}</span>
      <button type="button" className="close" onClick={() => session.store.setState({ message: null })} aria-label={t('session.close')}>
        ×
      </button>
    </div>
  );
}
