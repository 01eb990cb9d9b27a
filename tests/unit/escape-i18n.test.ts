import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/domain/escape';
import { InfoCard } from '../../src/app/panels/InfoPanel';
import { dictionaries, formatDate, formatNumber } from '../../src/app/i18n';

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('escaping', () => {
  it('escapes the characters that make markup', () => {
    expect(escapeHtml(`${HOSTILE} & "quotes" 'too'`)).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; &#39;too&#39;');
  });

  it('the info card shows a hostile name and value as text', () => {
    const html = renderToStaticMarkup(
      createElement(InfoCard, {
        info: { kind: 'Point de collecte', title: HOSTILE, rows: [{ label: 'Nom', value: HOSTILE }], position: [6.9, 48.3] },
        closeLabel: 'Fermer',
        flyLabel: 'Centrer la vue',
        onClose: () => undefined,
        onFly: () => undefined,
      }),
    );
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });
});

describe('dictionaries', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
  it('French and English have the same keys, no empty string, the same placeholders', () => {
    const fr = dictionaries.fr;
    const en = dictionaries.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const key of Object.keys(fr) as Array<keyof typeof fr>) {
      expect(fr[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
  });

  it('formats numbers and dates per language', () => {
    expect(formatNumber('fr', 29236)).toMatch(/^29[\u202f\u00a0 ]236$/);
    expect(formatNumber('en', 29236)).toBe('29,236');
    expect(formatNumber('fr', 1.5, 1)).toBe('1,5');
    const date = new Date('2026-07-14T10:00:00Z');
    expect(formatDate('fr', date, { dateStyle: 'long' })).toBe('14 juillet 2026');
    expect(formatDate('en', date, { dateStyle: 'long' })).toBe('14 July 2026');
  });
});
