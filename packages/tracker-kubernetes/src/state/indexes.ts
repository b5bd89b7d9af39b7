/**
 * A Kubernetes index list such as `"1,3-5,7"` (`completedIndexes`, `failedIndexes`), parsed once:
 * membership costs a binary search over its ranges instead of a parse of the text.
 */
export interface IndexSet {
  /** True when `index` is in the list. */
  has(index: number): boolean;
}

const emptySet: IndexSet = { has: () => false };

/**
 * Parses a Kubernetes index list; malformed parts are ignored, as in {@link indexListHas}.
 * Overlapping or unordered ranges are allowed.
 */
export function parseIndexList(list: string | undefined): IndexSet {
  if (typeof list !== 'string' || list.length === 0) return emptySet;
  const ranges: [number, number][] = [];
  for (const part of list.split(',')) {
    const match = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (match === null) continue;
    const low = Number(match[1]);
    const high = match[2] === undefined ? low : Number(match[2]);
    if (high >= low) ranges.push([low, high]);
  }
  if (ranges.length === 0) return emptySet;
  ranges.sort((a, b) => a[0] - b[0]);
  // Merged, so the ranges are disjoint and ordered for the binary search.
  const lows: number[] = [];
  const highs: number[] = [];
  for (const [low, high] of ranges) {
    const last = highs.length - 1;
    if (last >= 0 && low <= (highs[last] ?? -1) + 1) highs[last] = Math.max(highs[last] ?? high, high);
    else {
      lows.push(low);
      highs.push(high);
    }
  }
  return {
    has(index: number): boolean {
      let from = 0;
      let to = lows.length - 1;
      while (from <= to) {
        const middle = (from + to) >> 1;
        if (index < (lows[middle] ?? 0)) to = middle - 1;
        else if (index > (highs[middle] ?? 0)) from = middle + 1;
        else return true;
      }
      return false;
    },
  };
}

/**
 * True when `index` is in a Kubernetes index list such as `"1,3-5,7"` (`completedIndexes`,
 * `failedIndexes`). Malformed parts are ignored.
 */
export function indexListHas(list: string | undefined, index: number): boolean {
  return parseIndexList(list).has(index);
}
