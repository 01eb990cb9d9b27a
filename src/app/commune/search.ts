/**
 * Offline commune search over the compact index built from @etalab/decoupage-administratif
 * (scripts/commune-index.mjs): by name, INSEE code or postal code, with accents, hyphens,
 * apostrophes and case forgiven. EPCIs are found by name or SIREN. Pure: no DOM, tested in Node.
 */

export type CommuneRow = [code: string, name: string, departement: string, population: number, postcodes: string];
export type EpciRow = [siren: string, name: string, kind: string, population: number, members: string[]];

export interface CommuneIndex {
  version: string;
  communes: CommuneRow[];
  epcis: EpciRow[];
  departements: Record<string, string>;
}

export interface SearchHit {
  kind: 'commune' | 'epci';
  /** INSEE code of a commune, SIREN of an EPCI. */
  code: string;
  name: string;
  departement: string;
  departementName: string;
  population: number;
  postcodes: string[];
  /** INSEE codes of the member communes (the commune itself for a commune). */
  members: string[];
}

/** Lower case, no accents, hyphens and apostrophes as spaces, "saint" kept as written. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[-'’_.,/()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export class CommuneSearch {
  private readonly communeKeys: string[];
  private readonly epciKeys: string[];
  private readonly byCode = new Map<string, CommuneRow>();

  constructor(readonly index: CommuneIndex) {
    this.communeKeys = index.communes.map((row) => normalise(row[1]));
    this.epciKeys = index.epcis.map((row) => normalise(row[1]));
    for (const row of index.communes) this.byCode.set(row[0], row);
  }

  private communeHit(row: CommuneRow): SearchHit {
    return {
      kind: 'commune',
      code: row[0],
      name: row[1],
      departement: row[2],
      departementName: this.index.departements[row[2]] ?? '',
      population: row[3],
      postcodes: row[4] ? row[4].split(' ') : [],
      members: [row[0]],
    };
  }

  private epciHit(row: EpciRow): SearchHit {
    const departements = new Map<string, number>();
    for (const member of row[4]) {
      const dep = this.byCode.get(member)?.[2];
      if (dep) departements.set(dep, (departements.get(dep) ?? 0) + 1);
    }
    const main = [...departements.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    return {
      kind: 'epci',
      code: row[0],
      name: row[1],
      departement: main,
      departementName: this.index.departements[main] ?? '',
      population: row[3],
      postcodes: [],
      members: [...row[4]],
    };
  }

  commune(code: string): SearchHit | null {
    const row = this.byCode.get(code);
    return row ? this.communeHit(row) : null;
  }

  epci(siren: string): SearchHit | null {
    const row = this.index.epcis.find((candidate) => candidate[0] === siren);
    return row ? this.epciHit(row) : null;
  }

  /** Best matches first: exact name, then names starting with the query, then containing it; larger communes first within each. */
  search(query: string, limit = 12): SearchHit[] {
    const q = normalise(query);
    if (q.length < 2) return [];
    const scored: Array<{ score: number; population: number; hit: () => SearchHit }> = [];
    if (/^\d[\dab]{1,4}$/i.test(q)) {
      // INSEE code (2A/2B for Corsica) or postal code, or their beginning.
      for (const row of this.index.communes) {
        const insee = row[0].toLowerCase();
        let score = -1;
        if (insee === q) score = 0;
        else if (row[4].split(' ').includes(q)) score = 1;
        else if (q.length < 5 && insee.startsWith(q)) score = 3;
        else if (q.length < 5 && row[4].split(' ').some((postcode) => postcode.startsWith(q))) score = 4;
        if (score >= 0) scored.push({ score, population: row[3], hit: () => this.communeHit(row) });
      }
    } else if (/^\d{9}$/.test(q)) {
      for (const row of this.index.epcis) if (row[0] === q) scored.push({ score: 0, population: row[3], hit: () => this.epciHit(row) });
    } else {
      const words = q.split(' ');
      const rank = (key: string): number => {
        if (key === q) return 0;
        if (key.startsWith(q)) return 1;
        if ((' ' + key).includes(' ' + q)) return 2;
        if (words.every((word) => key.includes(word))) return 3;
        return -1;
      };
      this.communeKeys.forEach((key, i) => {
        const score = rank(key);
        if (score >= 0) scored.push({ score, population: this.index.communes[i][3], hit: () => this.communeHit(this.index.communes[i]) });
      });
      this.epciKeys.forEach((key, i) => {
        const score = rank(key);
        // EPCIs after communes of the same rank: a commune is what most people look for.
        if (score >= 0) scored.push({ score: score + 0.5, population: this.index.epcis[i][3], hit: () => this.epciHit(this.index.epcis[i]) });
      });
    }
    scored.sort((a, b) => a.score - b.score || b.population - a.population);
    return scored.slice(0, limit).map((entry) => entry.hit());
  }
}

let loading: Promise<CommuneSearch> | null = null;

/** Fetches the index from the page's own site the first time it is needed (it is not in the initial JS). */
export function loadCommuneSearch(baseUrl: string = document.baseURI): Promise<CommuneSearch> {
  loading ??= fetch(new URL('communes/index.json', baseUrl))
    .then((response) => {
      if (!response.ok) throw new Error(`communes/index.json: HTTP ${response.status}`);
      return response.json() as Promise<CommuneIndex>;
    })
    .then((index) => new CommuneSearch(index))
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}
