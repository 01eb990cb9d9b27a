/**
 * Where the public services live. Production uses the real hosts; a test build replaces them all
 * with one local server through a BUILD-TIME setting (`VITE_PUBLIC_SERVICES=http://127.0.0.1:4390`
 * for the app, `VIGIE_PUBLIC_SERVICES` for the command line). Nothing read from the page's URL
 * can change these hosts.
 */
export interface PublicHosts {
  /** geo.api.gouv.fr (commune outlines). */
  geo: string;
  /** data.geopf.fr (IGN WMTS, WFS, altimetry). */
  geopf: string;
  /** An Overpass API instance (OpenStreetMap). */
  overpass: string;
}

export const PRODUCTION_HOSTS: PublicHosts = {
  geo: 'https://geo.api.gouv.fr',
  geopf: 'https://data.geopf.fr',
  overpass: 'https://overpass-api.de',
};

/** The hosts for a build: the real ones, or every service under one local base URL (tests). */
export function publicHosts(override: string | undefined | null): PublicHosts {
  if (!override) return PRODUCTION_HOSTS;
  const base = override.replace(/\/+$/, '');
  return { geo: `${base}/geo`, geopf: `${base}/geopf`, overpass: `${base}/overpass` };
}

/** Host names as shown in the consent dialog. */
export function hostName(url: string): string {
  return new URL(url).host;
}
