/**
 * Text that comes from a territory's files is shown as text, never as markup (src/domain/escape.ts,
 * src/app/featureInfo.ts, the info card of src/app/panels/InfoPanel.tsx); the French and English
 * dictionaries match (src/app/i18n.ts) and numbers and dates follow each language.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/domain/escape';
import type { Territory } from '../../src/domain/territory';
import { describeFeature, type FeatureInfo } from '../../src/app/featureInfo';
import { InfoCard } from '../../src/app/panels/InfoPanel';
import { dictionaries, formatDate, formatNumber, labelled, listed, translate } from '../../src/app/i18n';
import { emptyTerritory } from '../../src/io/territoryLoader';

const HOSTILE = '<img src=x onerror=alert(1)>';
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';

const card = (info: FeatureInfo) =>
  renderToString(createElement(InfoCard, { info, closeLabel: 'Fermer', flyLabel: 'Centrer la vue', onClose: () => undefined, onFly: () => undefined }));

/** A territory whose names were written by someone hostile. */
function hostileTerritory(): Territory {
  const territory = emptyTerritory('Territoire de test');
  territory.communes = [{ id: 'C01', name: HOSTILE, population: 100, centre: [6.9, 48.3], boundary: [] }];
  territory.collectionPoints = [
    {
      id: 'P1',
      name: HOSTILE,
      position: [6.9, 48.3],
      stream: 'glass',
      container: 'column',
      volumeLitres: 4000,
      containerCount: 1,
      collectionWeekday: 2,
      collectionPeriodWeeks: 2,
      communeId: 'C01',
    },
  ];
  territory.sensors = [
    { id: 'S1', name: 'Sonde', kind: 'fill-level', position: [6.9, 48.3], targetId: 'P1', unit: HOSTILE, samplesPerDay: 24, communeId: 'C01', capacity: 3 },
  ];
  return territory;
}

describe('escaping', () => {
  it('escapeHtml turns the five markup characters into entities, ampersand first', () => {
    expect(escapeHtml(HOSTILE)).toBe(ESCAPED);
    expect(escapeHtml(`a & b "c" 'd'`)).toBe('a &amp; b &quot;c&quot; &#39;d&#39;');
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
    expect(escapeHtml('Saint-Élophe — 29 236 hab.')).toBe('Saint-Élophe — 29 236 hab.');
    expect(escapeHtml('')).toBe('');
  });

  it('the info card shows a hostile kind, title, label and value as text', () => {
    const html = card({ kind: HOSTILE, title: HOSTILE, rows: [{ label: HOSTILE, value: HOSTILE }], position: [6.9, 48.3] });
    expect(html).toContain(ESCAPED);
    expect(html.split(ESCAPED)).toHaveLength(5);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('&amp;lt;');
  });

  it('featureInfo passes names through as they are, and the card escapes them once', () => {
    const territory = hostileTerritory();
    const point = describeFeature(territory, { layer: 'collectionPoints', id: 'P1' }, 'fr')!;
    expect(point.title).toBe(HOSTILE);
    expect(point.rows.find((row) => row.label === translate('fr', 'info.commune'))?.value).toBe(HOSTILE);
    const sensor = describeFeature(territory, { layer: 'sensors', id: 'S1' }, 'fr')!;
    expect(sensor.rows.map((row) => row.value)).toContain(HOSTILE); // the target's name
    for (const info of [point, sensor]) {
      const html = card(info);
      expect(html).toContain(`<h2 class="info-title">${escapeHtml(info.title)}</h2>`);
      expect(html).toContain(ESCAPED);
      expect(html).not.toContain('<img');
      expect(html).not.toContain('&amp;lt;');
    }
  });
});

describe('dictionaries', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

  it('French and English have the same keys, no empty string, the same placeholders', () => {
    const fr = dictionaries.fr;
    const en = dictionaries.en;
    expect(Object.keys(fr).length).toBeGreaterThan(100);
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const key of Object.keys(fr) as Array<keyof typeof fr>) {
      expect(typeof fr[key], key).toBe('string');
      expect(typeof en[key], key).toBe('string');
      expect(fr[key].trim(), `fr ${key}`).not.toBe('');
      expect(en[key].trim(), `en ${key}`).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
  });

  it('French writes the typographic apostrophe (’), as the page and the report print it, never a straight one between letters', () => {
    const straight = /\p{L}'\p{L}/u;
    for (const [key, text] of Object.entries(dictionaries.fr)) expect(straight.test(text), `fr ${key}: ${text}`).toBe(false);
  });

  it('French keeps « : ; ? ! % € » on the line of the word before them, and the guillemets around their words (no-break spaces)', () => {
    const breakable = / [:;?!»%€]|« /;
    for (const [key, text] of Object.entries(dictionaries.fr)) expect(breakable.test(text), `fr ${key}: ${text}`).toBe(false);
    expect(labelled('fr', 'Territoire', 'Val d’Argence')).toBe('Territoire\u00a0: Val d’Argence');
    expect(labelled('en', 'Territory', 'Val d’Argence')).toBe('Territory: Val d’Argence');
    expect(listed('fr', ['a', 'b'])).toBe('a\u00a0; b');
    expect(listed('en', ['a', 'b'])).toBe('a; b');
  });

  it('translate fills the placeholders it is given and leaves the others visible', () => {
    expect(translate('fr', 'problem.missing-file', { file: 'a.geojson' })).toBe('Fichier «\u00a0a.geojson\u00a0» introuvable ou illisible.');
    expect(translate('en', 'problem.missing-file', { file: 'a.geojson' })).toBe('File “a.geojson” is missing or unreadable.');
    expect(translate('en', 'problem.missing-file')).toBe('File “{file}” is missing or unreadable.');
  });
});

describe('numbers and dates', () => {
  it('groups thousands with a narrow no-break space in French, a comma in English', () => {
    expect(formatNumber('fr', 29236)).toBe('29\u202f236');
    expect(formatNumber('en', 29236)).toBe('29,236');
    expect(formatNumber('fr', 1234.567, 2)).toBe('1\u202f234,57');
    expect(formatNumber('en', 1234.567, 2)).toBe('1,234.57');
    expect(formatNumber('fr', 1.5, 1)).toBe('1,5');
    expect(formatNumber('fr', 1.5)).toBe('2');
  });

  it('writes dates in each language, at Paris time', () => {
    const bastilleDay = new Date('2026-07-14T10:00:00Z');
    expect(formatDate('fr', bastilleDay)).toBe('14 juillet 2026');
    expect(formatDate('en', bastilleDay)).toBe('14 July 2026');
    // Noon in Paris (UTC+2 in summer), whatever the machine's zone.
    expect(formatDate('fr', bastilleDay, { dateStyle: 'medium', timeStyle: 'short' })).toMatch(/^14 juil\. 2026.* 12:00$/);
    expect(formatDate('en', bastilleDay, { dateStyle: 'medium', timeStyle: 'short' })).toMatch(/^14 Jul 2026.* 12:00$/);
    // Half past midnight on the 6th in Paris (UTC+1 in winter): already Tuesday.
    const lateEvening = new Date('2026-01-05T23:30:00Z');
    expect(formatDate('fr', lateEvening, { dateStyle: 'full' })).toBe('mardi 6 janvier 2026');
    expect(formatDate('en', lateEvening, { dateStyle: 'full' })).toMatch(/^Tuesday,? 6 January 2026$/);
  });
});
