import { useState } from 'react';
import { useApp, useT } from '../context';
import { describeProblem } from '../i18n';
import { useTwin } from '../useStore';

const SHOWN = 8;

/** Data left out while loading, each saying which file, which feature and which field. */
export function ProblemsPanel({ fatal = false }: { fatal?: boolean }) {
  const { store } = useApp();
  const t = useT();
  const problems = useTwin(store, (state) => state.problems);
  const language = useTwin(store, (state) => state.language);
  const [open, setOpen] = useState(true);
  if (problems.length === 0 || !open) return null;
  return (
    <section className={`panel problems ${fatal ? 'fatal' : ''}`} role="alert" data-testid="problems">
      <div className="problems-head">
        <h2>{fatal ? t('app.fatal') : t('problems.title')}</h2>
        {!fatal && (
          <button type="button" className="close" onClick={() => setOpen(false)} aria-label={t('app.close')} title={t('app.close')}>
            ×
          </button>
        )}
      </div>
      <p>{fatal ? t('app.fatalHint') : t('problems.summary', { count: problems.length })}</p>
      <ul>
        {problems.slice(0, SHOWN).map((problem, index) => (
          <li key={index}>{describeProblem(language, problem)}</li>
        ))}
      </ul>
      {problems.length > SHOWN && <p className="more">{t('problems.more', { count: problems.length - SHOWN })}</p>}
    </section>
  );
}
