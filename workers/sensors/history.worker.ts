/// <reference lib="webworker" />
// The demo's sensor history, generated in a worker; the arrays are transferred to the page.
import { transfer } from 'comlink';
import { exposeMessages } from '../messages';
import { generateHistory } from '../../src/domain/series/history';
import type { HistoryMessages } from './api';

exposeMessages<HistoryMessages>({
  generate(territory, year) {
    const histories = generateHistory(territory, year);
    return transfer(
      histories,
      histories.flatMap((history) => [history.seconds.buffer as ArrayBuffer, history.values.buffer as ArrayBuffer]),
    );
  },
});
