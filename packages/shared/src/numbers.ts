/**
 * The least and greatest of a list of numbers of any length. `Math.min(...xs)` passes every
 * element as an argument and throws RangeError (call stack) past ~100,000 of them: a day of
 * ticket events or an export's rows is longer than that.
 */
export function minOf(xs: Iterable<number>, empty = Number.POSITIVE_INFINITY): number {
  let m = empty;
  for (const x of xs) if (x < m) m = x;
  return m;
}

/** The greatest of `xs`, or `empty` (−Infinity unless told) when there are none above it. */
export function maxOf(xs: Iterable<number>, empty = Number.NEGATIVE_INFINITY): number {
  let m = empty;
  for (const x of xs) if (x > m) m = x;
  return m;
}
