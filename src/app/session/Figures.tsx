import { useState } from 'react';
import { formatNumber, type MessageKey } from '../i18n';
import { useT } from '../context';
import type { Language } from '../../domain/language';
import { assumptionText, type Figure, type SlideFigures } from './sessionController';

/** A figure's value as the panel and the report print it. */
export function formatFigure(language: Language, value: number, figure: Pick<Figure, 'unit' | 'digits'>): string {
  return `${formatNumber(language, value, figure.digits)}${figure.unit ? `\u00a0${figure.unit}` : ''}`;
}

/** The difference, signed. */
export function formatChange(language: Language, figure: Figure): string {
  const change = figure.right - figure.left;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return `${sign}${formatFigure(language, Math.abs(change), figure)}`;
}

/** The difference as a share of today's value, or '' when today is zero. */
export function formatShare(language: Language, figure: Figure): string {
  const change = figure.right - figure.left;
  if (figure.left === 0) return '';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return `${sign}${formatNumber(language, Math.abs(change / figure.left) * 100, 0)}\u00a0%`;
}

/** The difference, signed, with its share of today's value. */
export function formatDifference(language: Language, figure: Figure): string {
  const share = formatShare(language, figure);
  return share ? `${formatChange(language, figure)} (${share})` : formatChange(language, figure);
}

/** Figures where less is not better in itself (hours of darkness): shown without green or red. */
const NEUTRAL = new Set(['lighting.darkHours']);

export function figureLabel(key: string): MessageKey {
  return `session.figure.${key}` as MessageKey;
}

/** Key figures big enough for the back of a council room: today, the scenario and the difference. */
export function KeyFigures({ figures, language }: { figures: SlideFigures; language: Language }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const period = t('session.perYear');
  return (
    <div className="key-figures-wrap">
      <div className="key-figures" data-testid="key-figures">
        {figures.figures.map((figure) => {
          const better = figure.right < figure.left;
          const tone = NEUTRAL.has(figure.key) ? '' : better ? 'good' : figure.right > figure.left ? 'bad' : '';
          const share = formatShare(language, figure);
          return (
            <div className="key-figure" key={figure.key} data-figure={figure.key}>
              <div className="key-figure-label">
                {t(figureLabel(figure.key))} <span className="muted">{period}</span>
              </div>
              <div className={`key-figure-value ${tone}`} data-testid="figure-difference" data-difference={formatDifference(language, figure)}>
                {formatChange(language, figure)}
                {share && <span className="key-figure-share"> {share}</span>}
              </div>
              <div className="key-figure-sides">
                <span>
                  {t('session.today')} <strong data-testid="figure-left">{formatFigure(language, figure.left, figure)}</strong>
                </span>
                <span>
                  {t('session.scenario')} <strong data-testid="figure-right">{formatFigure(language, figure.right, figure)}</strong>
                </span>
              </div>
            </div>
          );
        })}
      </div>
      <button type="button" className="chip assumptions-button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="open-assumptions">
        {t('session.assumptions')}
      </button>
      {open && (
        <div className="panel assumptions-popover" role="dialog" aria-label={t('session.assumptionsTitle')} data-testid="assumptions">
          <div className="info-head">
            <h3>{t('session.assumptionsTitle')}</h3>
            <button type="button" className="close" onClick={() => setOpen(false)} aria-label={t('session.close')}>
              ×
            </button>
          </div>
          <ul>
            {figures.assumptions.map(({ key, value }) => (
              <li key={key}>
                <strong>
                  {formatNumber(language, value.value, 2)} {value.unit}
                </strong>{' '}
                {value.unverified && <span className="badge unverified">{t('session.unverified')}</span>} {assumptionText(key, value, language)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
