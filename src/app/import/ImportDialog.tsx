/**
 * The import dialog, loaded on demand with the importers (ImportPanel.tsx shows it once files are
 * read): the layer, the coordinate system and the column mapping with a preview (first rows in
 * magenta on the map, first lines in a table, what is missing and the defaults used, the
 * problems), then the result with its problems and an undo.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import { SUPPORTED_CRS, type SupportedCrs } from '../../domain/manifest';
import { IMPORT_LAYERS, type ImportLayer, type ImportProblem, type RawTable } from '../../io/import';
import { mappableFields } from '../../io/import/mapping';
import { useApp, useT } from '../context';
import { useTwin } from '../useStore';
import { labelled, listed, type MessageKey } from '../i18n';
import { DefaultsList, describeImportProblem, fieldLabel, type T } from './ImportPanel';
import type { ImportController } from './importController';

function ProblemList({ problems, lineUnit, t }: { problems: ImportProblem[]; lineUnit: RawTable['lineUnit']; t: T }) {
  const { store } = useApp();
  const language = useTwin(store, (state) => state.language);
  if (problems.length === 0) return <p className="import-muted">{t('import.noProblem')}</p>;
  return (
    <ul className="import-problems" data-testid="import-problems">
      {problems.slice(0, 200).map((problem, i) => (
        <li key={i} className={problem.severity}>
          {describeImportProblem(t, language, problem, lineUnit)}
        </li>
      ))}
    </ul>
  );
}

/** The mapping dialog and the result of an import (loaded on demand by ImportPanel). */
export default function ImportDialog({ controller }: { controller: ImportController }) {
  const { store: twin } = useApp();
  const t = useT();
  const language = useTwin(twin, (snapshot) => snapshot.language);
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
                          {labelled(language, t('import.missing'), listed(language, used.map((use) => t('import.defaultUsed', { count: use.count, value: String(use.value), source: use.source }))))}
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

