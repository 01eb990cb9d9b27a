import { useState } from 'react';
import { useStore } from 'zustand';
import { LINK_LENGTH_LIMIT } from '../../domain/session/urlState';
import { SESSION_FORMAT, SESSION_VERSION, type Session } from '../../domain/session/schema';
import { useApp, useT } from '../context';
import { useTwin } from '../useStore';
import { useSession } from './context';

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Link to this view, PDF report of the session, PNG of this view. */
export function ShareTools() {
  const context = useApp();
  const sessionContext = useSession();
  const { session: controller, links } = sessionContext;
  const t = useT();
  const language = useTwin(context.store, (s) => s.language);
  const session = useStore(controller.store, (s) => s.session);
  const [link, setLink] = useState<string | null>(null);
  const [report, setReport] = useState<string | null>(null);

  /** The session shown, or a one-slide session of this view. */
  const sessionToExport = (): Session | null => {
    if (session) return session;
    const scene = controller.captureScene();
    if (!scene) return null;
    return { format: SESSION_FORMAT, version: SESSION_VERSION, id: 'vue-partagee', title: { fr: 'Vue partagée', en: 'Shared view' }, date: new Date().toISOString().slice(0, 10), author: 'Vigie', slides: [scene] };
  };

  const share = async () => {
    const url = links.url();
    setLink(url);
    if (url.length <= LINK_LENGTH_LIMIT) {
      try {
        await navigator.clipboard.writeText(url);
      } catch {
        // No clipboard (http, permissions): the link is shown to copy by hand.
      }
    }
  };

  const makeReport = async () => {
    const exported = sessionToExport();
    if (!exported) return;
    setReport(t('session.reportRunning', { done: 0, total: exported.slides.length }));
    try {
      const started = performance.now();
      const { buildReport } = await import('./report');
      performance.measure('report:load', { start: started, end: performance.now() });
      const bytes = await buildReport({ app: context, session: sessionContext, sessionData: exported, language, onProgress: (done, total) => setReport(t('session.reportRunning', { done, total })) });
      const blob = new Blob([bytes as BlobPart], { type: 'application/pdf' });
      (window as unknown as { vigieLastReport?: Uint8Array }).vigieLastReport = bytes;
      download(`${exported.id}.pdf`, blob);
      setReport(null);
    } catch (error) {
      setReport(t('session.reportFailed', { detail: (error as Error).message }));
    }
  };

  const makePng = async () => {
    const { snapshotWithLegend } = await import('./snapshot');
    const canvas = await snapshotWithLegend(context, sessionContext, language);
    canvas.toBlob((blob) => blob && download('vigie-vue.png', blob), 'image/png');
  };

  return (
    <div className="share-tools">
      <button type="button" className="panel tool" title={t('session.shareHint')} onClick={() => void share()} data-testid="share-link">
        {t('session.share')}
      </button>
      <button type="button" className="panel tool" title={t('session.reportHint')} onClick={() => void makeReport()} data-testid="make-report">
        {t('session.report')}
      </button>
      <button type="button" className="panel tool" onClick={() => void makePng()} data-testid="make-png">
        {t('session.png')}
      </button>
      {report && (
        <div className="panel share-popover" role="status" data-testid="report-status">
          {report}
        </div>
      )}
      {link && (
        <div className="panel share-popover" data-testid="share-popover">
          {link.length > LINK_LENGTH_LIMIT ? (
            <>
              <p role="alert" data-testid="link-too-long">
                {t('session.linkTooLong', { length: link.length })}
              </p>
              <button
                type="button"
                className="chip"
                onClick={() => {
                  const exported = sessionToExport();
                  if (exported) download(`${exported.id}.json`, new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' }));
                }}
                data-testid="export-instead"
              >
                {t('session.exportInstead')}
              </button>
            </>
          ) : (
            <p>{t('session.linkCopied', { length: link.length })}</p>
          )}
          <input type="text" readOnly value={link} onFocus={(event) => event.target.select()} data-testid="share-url" aria-label={t('session.share')} />
          <button type="button" className="close" onClick={() => setLink(null)} aria-label={t('session.close')}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
