/**
 * The import in the page: drop files anywhere (or pick them), then a panel to confirm the layer,
 * the coordinate system and the column mapping with a preview (first rows in magenta on the map,
 * first lines in a table, what is missing and the defaults used, the problems), then the result
 * with its problems and an undo.
 */
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { ImportLayer, ImportProblem, RawTable } from '../../io/import/types';
import { useT } from '../context';
import { describeWords, type Language, type MessageKey } from '../i18n';
import type { ImportController } from './importController';
import './import.css';

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export function describeImportProblem(t: T, language: Language, problem: ImportProblem, lineUnit: RawTable['lineUnit']): string {
  return t('import.problem', {
    file: problem.file,
    where: problem.line === null ? '' : `, ${t(`import.where.${lineUnit}` as MessageKey, { line: problem.line })}`,
    field: problem.field ? t('import.problemField', { field: problem.field }) : '',
    message: t(`import.code.${problem.code}` as MessageKey) + (problem.detail ? ` (${describeWords(language, problem.detail)})` : ''),
  });
}

export const fieldLabel = (t: T, key: string) => t(`import.field.${key}` as MessageKey);

/** Files dropped anywhere on the page open the import. */
export function ImportDropZone({ controller }: { controller: ImportController }) {
  const t = useT();
  const dragging = useStore(controller.store, (state) => state.dragging);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth++;
      // The importers start loading while the file is still being dragged.
      void controller.engine();
      controller.store.setState({ dragging: true });
    };
    const over = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const leave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) controller.store.setState({ dragging: false });
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      controller.store.setState({ dragging: false });
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length > 0) void controller.openFiles(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [controller]);
  if (!dragging) return null;
  return (
    <div className="import-drop" data-testid="import-drop">
      <div className="import-drop-card panel">
        <strong>{t('import.drop')}</strong>
        <span>{t('import.dropHint')}</span>
      </div>
    </div>
  );
}

/** The toolbar button (file picker) and, after an import, its undo. */
export function ImportButton({ controller }: { controller: ImportController }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const undoLabels = useStore(controller.store, (state) => state.undoLabels);
  const last = undoLabels[undoLabels.length - 1];
  return (
    <>
      <button type="button" className="panel tool" title={t('import.openHint')} onClick={() => {
          void controller.engine();
          input.current?.click();
        }}
        data-testid="open-import"
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path d="M12 3 V15 M7 10 L12 15 L17 10 M4 17 V20 H20 V17" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span className="tool-label">{t('import.open')}</span>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept=".geojson,.json,.csv,.txt,.zip,.shp,.dbf,.shx,.prj,.cpg"
        data-testid="import-file"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length > 0) void controller.openFiles(files);
        }}
      />
      {last !== undefined && (
        <button type="button" className="panel tool" title={t('import.undoLast', { file: last === 'saved' ? '…' : last })} onClick={() => void controller.undo()} data-testid="import-undo-toolbar">
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M9 7 L4 12 L9 17 M4 12 H15 A5 5 0 0 1 15 22" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span className="tool-label">{t('import.undo')}</span>
        </button>
      )}
    </>
  );
}

export function DefaultsList({ defaults, t }: { defaults: ReadonlyArray<{ field: string; value: unknown; source: string; count: number }>; t: T }) {
  const shown = defaults.filter((use) => use.field !== 'communeId' && use.value !== '' && use.value !== null);
  if (shown.length === 0) return null;
  return (
    <div className="import-defaults" data-testid="import-defaults">
      <strong>{t('import.defaultsNote')}</strong>
      <ul>
        {shown.map((use) => (
          <li key={`${use.field}-${String(use.value)}`}>{t('import.defaultsNoteItem', { field: fieldLabel(t, use.field), value: String(use.value), count: use.count, source: use.source })}</li>
        ))}
      </ul>
    </div>
  );
}

/** For the what-if panels: the defaults an imported layer relies on, labelled with their sources. */
export function ImportDefaultsNote({ controller, layer }: { controller: ImportController; layer: ImportLayer }) {
  const t = useT();
  const defaults = useStore(controller.store, (state) => state.defaultsByLayer[layer]);
  if (!defaults || defaults.length === 0) return null;
  return (
    <div className="import-defaults-note" data-testid={`import-defaults-${layer}`}>
      <DefaultsList defaults={defaults} t={t} />
    </div>
  );
}

const ImportDialog = lazy(() => import('./ImportDialog'));

/** The import panel: the reading's progress (with a cancel), then the dialog (loaded on demand). */
export function ImportPanel({ controller }: { controller: ImportController }) {
  const t = useT();
  const stage = useStore(controller.store, (state) => state.stage);
  const progress = useStore(controller.store, (state) => state.progress);
  const error = useStore(controller.store, (state) => state.error);
  if (stage === 'closed') return null;
  if (stage === 'reading') {
    const percent = progress && progress.total > 0 ? Math.floor((100 * progress.done) / progress.total) : 0;
    return (
      <aside className="panel import-panel" aria-label={t('import.title')} data-testid="import-reading">
        <h2>{t('import.title')}</h2>
        {progress ? (
          <>
            <p data-testid="import-progress-text">{t('import.reading', { file: progress.file, percent })}</p>
            <progress max={100} value={percent} aria-label={t('import.readingLabel')} data-testid="import-progress" />
          </>
        ) : (
          <p className="import-error" role="alert">
            {t('import.readFailed', { error: error ?? '' })}
          </p>
        )}
        <div className="import-actions">
          {progress ? (
            <button type="button" className="chip" onClick={() => controller.cancelReading()} data-testid="import-cancel-reading">
              {t('import.cancelReading')}
            </button>
          ) : (
            <button type="button" className="chip primary" onClick={() => controller.close()} data-testid="import-close">
              {t('import.close')}
            </button>
          )}
        </div>
      </aside>
    );
  }
  return (
    <Suspense fallback={null}>
      <ImportDialog controller={controller} />
    </Suspense>
  );
}
