/**
 * The public services' hosts for this build. Production: the real ones. A test build sets
 * `VITE_PUBLIC_SERVICES` (one local base URL) at BUILD time; nothing in the page's URL can change it.
 */
import { publicHosts, hostName, type PublicHosts } from '../../io/public/hosts';

export const HOSTS: PublicHosts = publicHosts(import.meta.env.VITE_PUBLIC_SERVICES as string | undefined);

/** What the consent dialog lists: each host and what it is asked for. */
export const CONSENT_HOSTS: Array<{ host: string; purposeKey: 'commune.purpose.geo' | 'commune.purpose.geopf' | 'commune.purpose.overpass' }> = [
  { host: hostName(HOSTS.geo), purposeKey: 'commune.purpose.geo' },
  { host: hostName(HOSTS.geopf), purposeKey: 'commune.purpose.geopf' },
  { host: hostName(HOSTS.overpass), purposeKey: 'commune.purpose.overpass' },
];
