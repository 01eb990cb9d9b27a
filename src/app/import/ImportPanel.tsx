/**
 * The import in the page: drop files anywhere (or pick them), then a panel to confirm the layer,
 * the coordinate system and the column mapping with a preview (first rows in magenta on the map,
 * first lines in a table, what is missing and the defaults used, the problems), then the result
 * with its problems and an undo.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { SUPPORTED_CRS, type SupportedCrs } from '../../domain/manifest';
import { IMPORT_LAYERS, type ImportLayer, type ImportProblem, type RawTable } from '../../io/import';
import { mappableFields } from '../../io/import/mapping';
import { useApp, useT } from '../context';
import type { MessageKey } from '../i18n';
import type { ImportController } from './importController';
import './import.css';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export function describeImportProblem(t: T, problem: ImportProblem, lineUnit: RawTable['lineUnit']): string {
  return t('import.problem', {
    file: problem.file,
    where: problem.line === null ? '' : `, ${t(`import.where.${lineUnit}` as MessageKey, { line: problem.line })}`,
    field: problem.field ? t('import.problemField', { field: problem.field }) : '',
    message: t(`import.code.${problem.code}` as MessageKey) + (problem.detail ? ` (${problem.detail})` : ''),
  });
}

const fieldLabel = (t: T, key: string) => t(`import.field.${key}` as MessageKey);

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
      <button type="button" className="panel tool" title={t('import.openHint')} onClick={() => input.current?.click()} data-testid="open-import">
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path d="M12 3 V15 M7 10 L12 15 L17 10 M4 17 V20 H20 V17" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span>{t('import.open')}</span>
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
          <span>{t('import.undo')}</span>
        </button>
      )}
    </>
  );
}

function ProblemList({ problems, lineUnit, t }: { problems: ImportProblem[]; lineUnit: RawTable['lineUnit']; t: T }) {
  if (problems.length === 0) return <p className="import-muted">{t('import.noProblem')}</p>;
  return (
    <ul className="import-problems" data-testid="import-problems">
      {problems.slice(0, 200).map((problem, i) => (
        <li key={i} className={problem.severity}>
          {describeImportProblem(t, problem, lineUnit)}
        </li>
      ))}
    </ul>
  );
}

export function ImportPanel({ controller }: { controller: ImportController }) {
  const { store: twin } = useApp();
  const t = useT();
  const state = useStore(controller.store);
  const [distance, setDistance] = useState(String(state.matchDistanceMetres));
  const { stage, tables, current, layer, mapping, crs, crsGuess, preview, last, mode, error } = state;
  if (stage === 'closed') return null;

  if (stage === 'result' && last) {
    const table = tables.find((candidate) => candidate.file === last.file);
    return (
      <aside className="panel import-panel" aria-label={t('import.title')} data-testid="import-result">
        <h2>{t('import.title')}</h2>
        <p data-testid="import-summary">
          {t('import.result', {
            file: last.file,
            imported: last.imported,
            added: last.added,
            updated: last.updated,
            removed: last.removed > 0 ? t('import.removed', { removed: last.removed }) : '',
            rejected: last.rejected,
          })}
        </p>
        <DefaultsList defaults={last.conversion.defaults} t={t} />
        <h3>{t('import.problems', { count: last.conversion.problems.length })}</h3>
        <ProblemList problems={last.conversion.problems} lineUnit={table?.lineUnit ?? 'line'} t={t} />
        <p className={error ? 'import-error' : 'import-muted'}>{error ? t('import.notSaved', { error }) : t('import.saved')}</p>
        <div className="import-actions">
          <button type="button" className="chip" onClick={() => void controller.undo()} data-testid="import-undo">
            {t('import.undo')}
          </button>
          <button type="button" className="chip primary" onClick={() => controller.close()} data-testid="import-close">
            {t('import.close')}
          </button>
        </div>
      </aside>
    );
  }

  const table = tables[current];
  if (!table) return null;
  const fields = mappableFields(layer, table);
  const mappedColumns = fields.map((field) => mapping[field.key]).filter((column): column is string => column !== undefined);
  const sample = table.records.slice(0, 5);
  const fatal = table.records.length === 0;
  const problems = preview ? preview.problems : table.problems;
  const defaults = preview?.defaults ?? [];
  void twin;
  return (
    <aside className="panel import-panel" aria-label={t('import.title')} data-testid="import-dialog">
      <h2>{t('import.title')}</h2>
      {tables.length > 1 && (
        <label className="import-row">
          <span>{t('import.file')}</span>
          <select value={current} onChange={(event) => controller.selectTable(Number(event.target.value))}>
            {tables.map((candidate, i) => (
              <option key={candidate.file} value={i}>
                {candidate.file}
              </option>
            ))}
          </select>
        </label>
      )}
      <p className="import-file" data-testid="import-file-info">
        <strong>{table.file}</strong> — {t('import.fileInfo', { count: table.records.length, format: table.format === 'shapefile' ? 'shapefile' : table.format.toUpperCase() })}
        {table.encoding && <> · {t('import.encoding', { encoding: table.encodingSource === 'bom' ? t('import.encoding.bom') : table.encoding })}</>}
        {table.delimiter && <> · {t('import.delimiter', { delimiter: table.delimiter === '\t' ? 'tab' : table.delimiter })}</>}
        {table.decimalComma && <> · {t('import.decimalComma')}</>}
      </p>
      {fatal ? (
        <ProblemList problems={table.problems} lineUnit={table.lineUnit} t={t} />
      ) : (
        <>
          <div className="import-grid">
            <label className="import-row">
              <span>{t('import.layer')}</span>
              <select value={layer} onChange={(event) => controller.setLayer(event.target.value as ImportLayer)} data-testid="import-layer">
                {IMPORT_LAYERS.map((name) => (
                  <option key={name} value={name}>
                    {t(`import.layer.${name}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            <label className="import-row">
              <span>{t('import.crs')}</span>
              <select value={crs ?? ''} onChange={(event) => controller.setCrs(event.target.value as SupportedCrs)} data-testid="import-crs">
                {crs === null && <option value="">{t('import.crsUnknown')}</option>}
                {SUPPORTED_CRS.map((code) => (
                  <option key={code} value={code}>
                    {t(`import.crs.${code}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {crsGuess && crs && (
            <p className="import-muted" data-testid="import-crs-note">
              {table.declaredCrs === crs ? t('import.crsDeclared') : Number.isFinite(crsGuess.inside) && crsGuess.crs === crs ? t('import.crsDetected', { share: Math.round(crsGuess.inside * 100) }) : ''}
            </p>
          )}
          <h3>{t('import.mapping')}</h3>
          <p className="import-muted">{t('import.mappingHint')}</p>
          <table className="import-mapping" data-testid="import-mapping">
            <thead>
              <tr>
                <th>{t('import.field')}</th>
                <th>{t('import.column')}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field) => {
                const column = mapping[field.key];
                const used = defaults.filter((use) => use.field === field.key);
                return (
                  <tr key={field.key} className={column ? 'mapped' : 'missing'}>
                    <td>{fieldLabel(t, field.key)}</td>
                    <td>
                      <select value={column ?? ''} onChange={(event) => controller.setMapping(field.key, event.target.value === '' ? null : event.target.value)} data-testid={`import-map-${field.key}`}>
                        <option value="">{t('import.ignore')}</option>
                        {table.columns.map((name) => (
                          <option key={name} value={name}>
                            {name}
                          </option>
                        ))}
                      </select>
                      {!column && used.length > 0 && (
                        <div className="import-default">
                          {t('import.missing')} : {used.map((use) => t('import.defaultUsed', { count: use.count, value: String(use.value), source: use.source })).join(' ; ')}
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h3>{t('import.preview')}</h3>
          <p className="import-muted">{t('import.previewHint', { count: Math.min(50, preview?.features.length ?? 0) })}</p>
          <div className="import-sample-wrap">
            <table className="import-sample" data-testid="import-sample">
              <thead>
                <tr>
                  <th>#</th>
                  {mappedColumns.map((column) => (
                    <th key={column}>{column}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sample.map((record) => {
                  const rejected = preview?.problems.some((problem) => problem.line === record.line && problem.severity === 'error');
                  return (
                    <tr key={record.line} className={rejected ? 'rejected' : ''}>
                      <td>{record.line}</td>
                      {mappedColumns.map((column) => (
                        <td key={column}>{String(record.properties[column] ?? '')}</td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {preview && (
            <p data-testid="import-will">
              <strong>{t('import.willImport', { imported: preview.features.length, rejected: preview.rejected })}</strong>
            </p>
          )}
          <details open={problems.length > 0 && problems.length <= 12}>
            <summary>{t('import.problems', { count: problems.length })}</summary>
            <ProblemList problems={problems} lineUnit={table.lineUnit} t={t} />
          </details>
          <h3>{t('import.merge')}</h3>
          <div className="import-grid">
            <label className="import-row">
              <select value={mode} onChange={(event) => controller.setMerge(event.target.value as 'complete' | 'replace', state.matchDistanceMetres)} data-testid="import-mode">
                <option value="complete">{t('import.mode.complete')}</option>
                <option value="replace">{t('import.mode.replace')}</option>
              </select>
            </label>
            <label className="import-row" title={t('import.matchDistanceHint')}>
              <span>{t('import.matchDistance')}</span>
              <input
                type="number"
                min={0}
                max={500}
                step={1}
                value={distance}
                onChange={(event) => {
                  setDistance(event.target.value);
                  controller.setMerge(mode, Number(event.target.value));
                }}
                data-testid="import-distance"
              />
            </label>
          </div>
        </>
      )}
      <div className="import-actions">
        <button type="button" className="chip" onClick={() => controller.cancel()} data-testid="import-cancel">
          {t('import.cancel')}
        </button>
        <button type="button" className="chip primary" disabled={fatal || !crs || !preview || preview.features.length === 0} onClick={() => void controller.confirm()} data-testid="import-confirm">
          {t('import.confirm')}
        </button>
      </div>
    </aside>
  );
}

function DefaultsList({ defaults, t }: { defaults: ReadonlyArray<{ field: string; value: unknown; source: string; count: number }>; t: T }) {
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
