/**
 * True when `index` is in a Kubernetes index list such as `"1,3-5,7"` (`completedIndexes`,
 * `failedIndexes`). Malformed parts are ignored.
 */
export function indexListHas(list: string | undefined, index: number): boolean {
  if (list === undefined || list.length === 0) return false;
  for (const part of list.split(',')) {
    const match = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (match === null) continue;
    const low = Number(match[1]);
    const high = match[2] === undefined ? low : Number(match[2]);
    if (index >= low && index <= high) return true;
  }
  return false;
}
