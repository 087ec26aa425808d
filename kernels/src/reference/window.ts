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

/** Two windows of equal length filled together (the two-series functions), sharing one head. */
export interface PairWindowState {
  xs: number[];
  ys: number[];
  /** Index of the oldest pair once the windows are full. */
  head: number;
}

export function pairPush(s: PairWindowState, x: number, y: number): void {
  s.xs[s.head] = x;
  s.ys[s.head] = y;
  s.head = s.head + 1 === s.xs.length ? 0 : s.head + 1;
}

/** Slot of the i-th oldest pair (0 = oldest) of full windows. */
export function pairSlot(s: PairWindowState, i: number): number {
  const j = s.head + i;
  return j >= s.xs.length ? j - s.xs.length : j;
}
