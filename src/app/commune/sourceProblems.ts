/**
 * A public-data source's problems in the reader's language: the build (src/io/public/build.ts)
 * gives each a code and its values, the manifest keeps them, and the sentence comes from the
 * dictionary (`commune.problem.<code>`). A code this version does not know is named as it is.
 */
import type { SourceProblem } from '../../domain/manifest';
import { dictionaries, formatNumber, listed, translate, type Language, type MessageKey } from '../i18n';

export function describeSourceProblem(language: Language, problem: SourceProblem): string {
  const key = `commune.problem.${problem.code}`;
  if (!(key in dictionaries[language])) return translate(language, 'commune.problem.other', { code: problem.code });
  // Counts in the page's number format; an HTTP status stays as the protocol writes it.
  const values = Object.fromEntries(Object.entries(problem.values).map(([name, value]) => [name, typeof value === 'number' && name !== 'status' ? formatNumber(language, value) : value]));
  return translate(language, key as MessageKey, values);
}

/** All of a source's problems, one sentence each, joined as the language does. */
export function describeSourceProblems(language: Language, problems: readonly SourceProblem[]): string {
  return listed(language, problems.map((problem) => describeSourceProblem(language, problem)));
}
