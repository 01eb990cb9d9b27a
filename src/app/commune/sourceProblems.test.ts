import { describe, expect, it } from 'vitest';
import { problemOf } from '../../io/public/build';
import { CancelledError, ServiceError, UnexpectedAnswer } from '../../io/public/http';
import { describeSourceProblem, describeSourceProblems } from './sourceProblems';

describe('public source problems in the page language', () => {
  it('words a failing service from its HTTP status in French and in English', () => {
    const down = problemOf(new ServiceError('HTTP 503', 503, 'http://x'));
    expect(down).toEqual({ code: 'serviceDown', values: { status: 503 } });
    expect(describeSourceProblem('fr', down)).toBe('le service est en panne ou surchargé (HTTP 503)\u00a0; réessayez plus tard');
    expect(describeSourceProblem('en', down)).toBe('the service is down or overloaded (HTTP 503); try again later');
    expect(describeSourceProblem('en', problemOf(new ServiceError('HTTP 429', 429, '')))).toContain('HTTP 429');
    expect(describeSourceProblem('fr', problemOf(new ServiceError('HTTP 404', 404, '')))).toContain('ne connaît pas ce territoire');
    expect(describeSourceProblem('en', problemOf(new ServiceError('HTTP 403', 403, '')))).toBe('the service refused the request (HTTP 403)');
    expect(describeSourceProblem('en', problemOf(new ServiceError('Failed to fetch', null, '')))).toBe('the service cannot be reached (Failed to fetch); check the connection');
    expect(describeSourceProblem('en', problemOf(new CancelledError()))).toBe('cancelled');
  });

  it('says what an answer lacked rather than calling the service unreachable', () => {
    const xml = problemOf(new UnexpectedAnswer('notImage', { tile: '15/3/4', type: 'application/xml' }));
    expect(describeSourceProblem('fr', xml)).toBe('la tuile 15/3/4 est arrivée en application/xml au lieu d’une image');
    expect(describeSourceProblem('en', problemOf(new UnexpectedAnswer('notJson', { excerpt: '<html>' })))).toBe('the service answered something other than JSON (“<html>”)');
    expect(describeSourceProblem('en', problemOf(new UnexpectedAnswer('heightCount', { got: 3, asked: 50 })))).toBe('the altimetry service gave 3 heights for 50 points');
    expect(describeSourceProblem('en', problemOf(new TypeError('x is undefined')))).toBe('unexpected error (x is undefined)');
  });

  it('formats counts as the page does, joins several problems, and names a code it does not know', () => {
    expect(describeSourceProblem('fr', { code: 'heightsMissing', values: { count: 12345 } })).toBe('12\u202f345 points sans altitude\u00a0: hauteur moyenne utilisée');
    expect(describeSourceProblem('en', { code: 'heightsMissing', values: { count: 12345 } })).toBe('12,345 points without a height: the mean height is used');
    expect(describeSourceProblems('fr', [{ code: 'noLamps', values: {} }, { code: 'noCollectionPoints', values: {} }])).toBe(
      'aucun lampadaire dans OpenStreetMap ici\u00a0: importez l’inventaire de la commune\u00a0; aucun point de collecte dans OpenStreetMap ici',
    );
    expect(describeSourceProblem('en', { code: 'fromANewerVersion', values: {} })).toBe('problem “fromANewerVersion”');
    expect(describeSourceProblem('fr', { code: 'constructor', values: {} })).toBe('problème «\u00a0constructor\u00a0»');
  });
});
