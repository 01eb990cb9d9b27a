/**
 * Waste scenario file problems in the reader's language: the reader (src/domain/waste/scenarioFile.ts)
 * gives each problem a code and its values; the sentence comes from the dictionary. Where it is
 * (file and field) stays as the file spells it, since that is what the engineer will look for.
 */
import type { WasteScenarioProblem } from '../../domain/waste/scenarioFile';
import { labelled, translate, type Language, type MessageKey } from '../i18n';

export function describeWasteProblem(language: Language, problem: WasteScenarioProblem): string {
  const key: MessageKey = problem.code === 'unknown-type' && problem.values.known === '' ? 'wasteProblem.unknown-type.none' : `wasteProblem.${problem.code}`;
  const what = translate(language, key, problem.values);
  return labelled(language, problem.where, what);
}
