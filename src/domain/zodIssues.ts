/**
 * zod's issues as a reader should get them. `.int()` adds the safe-integer range to a number's own
 * bounds, so 1e300 for a field of at most 240 broke both "at most 9007199254740991" (listed first)
 * and "at most 240": only the tighter bound, the schema's own, is worth saying.
 */
import type { z } from 'zod';

/** The bound an issue broke, as a number where smaller is tighter, or null for other issues. */
function looseness(issue: z.core.$ZodIssue): number | null {
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') return issue.maximum;
  if (issue.code === 'too_small' && typeof issue.minimum === 'number') return -issue.minimum;
  return null;
}

/** The issues, in their order, without any bound broken on a field where a tighter one of the same direction is broken too. */
export function tightestBounds(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  // The tightest bound broken per side and field, found in one pass; each path is written once.
  const tightest = new Map<string, number>();
  const bounds = issues.map((issue) => {
    const bound = looseness(issue);
    if (bound === null) return null;
    const key = `${issue.code} ${JSON.stringify(issue.path.map(String))}`;
    tightest.set(key, Math.min(bound, tightest.get(key) ?? Infinity));
    return { key, bound };
  });
  return issues.filter((_, index) => {
    const own = bounds[index];
    return own === null || own.bound <= tightest.get(own.key)!;
  });
}
