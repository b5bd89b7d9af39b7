/**
 * Completion-index sets in the Job status text form: ascending, runs of three or more written
 * `a-b`, pairs kept `a,b` (`"1,3-5,7"`, `"0,1"`).
 */

/**
 * Parses `"1,3-5,7"` to ascending unique indexes; entries `>= limit` (when given) and malformed
 * parts are skipped, as the Job controller skips them.
 */
export function parseIndexSet(text: string | undefined, limit?: number): number[] {
  if (!text) return [];
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (!m) continue;
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    for (let i = first; i <= last && (limit === undefined || i < limit); i++) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

/** Formats indexes (any order, duplicates allowed) in the compressed status form. */
export function formatIndexSet(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i] ?? 0;
    let last = first;
    while (i + 1 < sorted.length && sorted[i + 1] === last + 1) {
      i++;
      last = sorted[i] ?? last;
    }
    if (last === first) parts.push(String(first));
    else if (last === first + 1) parts.push(`${first},${last}`);
    else parts.push(`${first}-${last}`);
    i++;
  }
  return parts.join(',');
}
