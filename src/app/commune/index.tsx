/**
 * The real-commune flow's entry points for App.tsx and main.tsx: one controller per page, the
 * side panels and the dialogs, and start-up from `?stored=`, `?commune=` or `?epci=`.
 */
import type { TwinStore } from '../../store/store';
import { CommunePanel } from './CommunePanel';
import { CommuneController } from './controller';
import { CommuneDialogs } from './Dialogs';
import { SourcesPanel } from './SourcesPanel';

let controller: CommuneController | null = null;

export function createCommuneController(store: TwinStore): CommuneController {
  controller = new CommuneController(store);
  return controller;
}

/** Search, stored twins and sources, for the left column. */
export function CommuneSide() {
  if (!controller) return null;
  return (
    <>
      <CommunePanel controller={controller} />
      <SourcesPanel controller={controller} />
    </>
  );
}

export function CommuneOverlay() {
  return controller ? <CommuneDialogs controller={controller} /> : null;
}

/** Reads the commune parameters: a stored id, an INSEE code or a SIREN (nothing else is accepted). */
export function readCommuneParams(search: string): { stored: string | null; commune: string | null; epci: string | null } {
  const params = new URLSearchParams(search);
  const stored = params.get('stored');
  const commune = params.get('commune');
  const epci = params.get('epci');
  return {
    stored: stored && /^[a-z]+-[a-z0-9-]{1,80}$/i.test(stored) ? stored : null,
    commune: commune && /^(\d{5}|2[AB]\d{3})$/i.test(commune) ? commune.toUpperCase() : null,
    epci: epci && /^\d{9}$/.test(epci) ? epci : null,
  };
}
