/**
 * A fixed-size window of the latest values, oldest first, in a plain array (so stream states stay
 * JSON). `push` returns nothing; `oldest` reads the value that will leave next.
 */
export interface WindowState {
  window: number[];
  /** Index of the oldest value once the window is full. */
  head: number;
}

export function windowPush(s: WindowState, v: number): void {
  const w = s.window;
  w[s.head] = v;
  s.head = s.head + 1 === w.length ? 0 : s.head + 1;
}

/** The i-th oldest value (0 = oldest) of a full window. */
export function windowAt(s: WindowState, i: number): number {
  const w = s.window;
  const j = s.head + i;
  return w[j >= w.length ? j - w.length : j]!;
}
