/**
 * Tampered stream snapshots for the property tests: a genuine snapshot of any indicator, then one
 * change, marked `mustRefuse` when it makes the state impossible (restoreStream must throw
 * INVALID_STATE): a key the indicator does not have (prototype names included), another
 * indicator's snapshot of the same shape, a counter negative or fractional, a ring position outside
 * its ring, a count above the bars committed, a value of the wrong type, an array of the wrong
 * length, a bad version or bar count. Changed values and parameters may or may not be accepted.
 */
import fc from 'fast-check';
import { createStream, getIndicator, indicators } from '@chitti/kernels';

const ids = indicators.map((d) => d.id);
const price = fc.double({ min: 1, max: 1000, noNaN: true });

/** A bar for an indicator (high >= close >= low). */
export const barFor = (id: string) =>
  fc.tuple(price, fc.double({ min: 0, max: 5, noNaN: true }), fc.double({ min: 1, max: 1e6, noNaN: true })).map(([c, spread, volume]) => {
    const all: Record<string, number> = { open: c, high: c + spread, low: Math.max(0.01, c - spread), close: c, volume, real0: c, real1: c + spread, periods: 1 + spread * 8 };
    return Object.fromEntries(getIndicator(id).inputs.map((name) => [name, all[name]!]));
  });


/** Integer state fields that count or index; the rest are floating-point values. */
const COUNTERS = new Set(['head', 'seen', 'bars', 'changes', 'flows', 'filled', 'kHead', 'kFilled', 'sHead', 'traded', 'started', 'hasPrev', 'isLong', 'hiIdx', 'loIdx', 'untilResum']);
/** Counters of bars seen, which cannot exceed the bars the stream committed. */
const BAR_COUNTS = new Set(['seen', 'bars', 'changes', 'flows', 'filled', 'kFilled', 'traded']);
/** Ring positions, which must lie inside their ring. */
const HEADS = new Set(['head', 'kHead', 'sHead']);
/**
 * Indicators whose states have had the same fields (a snapshot of one relabelled as the other).
 * Refusal is required when the state is not what the other indicator would hold after the same
 * bars (plus_di and minus_di keep different movements under one name); when it is (mom and roc
 * both keep the last closes), accepting it gives that indicator's true outputs.
 */
const SAME_SHAPE: [string, string][] = [['plus_di', 'minus_di'], ['atr', 'natr'], ['mom', 'roc'], ['bbands', 'stddev']];
const PROTO_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

export interface Tampered {
  snapshot: Record<string, any>;
  /** Whether the state is impossible, so that restoreStream must refuse it. */
  mustRefuse: boolean;
  what: string;
}

/** A genuine snapshot: an indicator with its default or a small period, after some bars. */
const genuine = fc.tuple(fc.constantFrom(...ids), fc.nat({ max: 80 }), fc.boolean()).map(([id, bars, small]) => {
  const def = getIndicator(id);
  const params = small && def.params.some((p) => p.name === 'period') ? { period: Math.max(def.params.find((p) => p.name === 'period')!.min, 3) } : undefined;
  const stream = createStream(id, params);
  for (let b = 0; b < bars; b++) {
    const c = 100 + Math.sin(b / 4) * 5 + b / 10;
    const all: Record<string, number> = { open: c - 0.5, high: c + 1.5, low: c - 1.5, close: c, volume: 1000 + b, real0: c, real1: c + Math.cos(b), periods: 2 + (b % 37) * 0.9 };
    stream.update(Object.fromEntries(def.inputs.map((n) => [n, all[n]!])));
  }
  return structuredClone(stream.snapshot()) as unknown as Record<string, any>;
});

const fieldOf = (snap: Record<string, any>, pick: (key: string, value: unknown) => boolean, n: number): string | undefined => {
  const keys = Object.keys(snap.state).filter((k) => pick(k, snap.state[k]));
  return keys.length === 0 ? undefined : keys[n % keys.length];
};
const longest = (snap: Record<string, any>) => Math.max(0, ...Object.values(snap.state).map((v) => (Array.isArray(v) ? v.length : 0)));

export const tampered: fc.Arbitrary<Tampered> = fc
  .tuple(genuine, fc.nat(), fc.integer({ min: 0, max: 12 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.jsonValue({ maxDepth: 2 }))
  .map(([snap, n, kind, x, junk]): Tampered => {
    const s = structuredClone(snap);
    const counter = fieldOf(s, (k, v) => COUNTERS.has(k) && typeof v === 'number', n);
    const barCount = fieldOf(s, (k, v) => BAR_COUNTS.has(k) && typeof v === 'number', n);
    const head = fieldOf(s, (k, v) => HEADS.has(k) && typeof v === 'number', n);
    const float = fieldOf(s, (k, v) => !COUNTERS.has(k) && typeof v === 'number', n);
    const array = fieldOf(s, (_k, v) => Array.isArray(v), n);
    switch (kind) {
      case 0: {
        const key = PROTO_KEYS[n % PROTO_KEYS.length]!;
        // Written into the JSON text as an own member, as a client would send it.
        Object.defineProperty(s.state, key, { value: n % 2 ? x : [x], enumerable: true, configurable: true, writable: true });
        return { snapshot: s, mustRefuse: true, what: `state key ${key}` };
      }
      case 1: {
        const pair = SAME_SHAPE[Math.floor(n / 2) % SAME_SHAPE.length]!;
        const [a, b] = n % 2 ? pair : [pair[1], pair[0]];
        const from = genuineFor(a!, n);
        const params: Record<string, number> = from.params.period === undefined ? {} : { period: from.params.period as number };
        // Harmless only if it is exactly the state the other indicator has after the same bars.
        const honest = genuineFor(b!, n, params);
        const same = JSON.stringify(honest.state) === JSON.stringify(from.state);
        return { snapshot: { ...from, id: b, params }, mustRefuse: !same, what: `${a} snapshot restored as ${b}${same ? ' (the same state)' : ''}` };
      }
      case 2:
        if (counter === undefined) break;
        // -1 is a start value of some counters (rsi's changes, the stochastics' indices); -2 is never one.
        s.state[counter] = counter === 'untilResum' ? s.state[counter] + 0.5 : -2 - (n % 7);
        return { snapshot: s, mustRefuse: true, what: `negative or fractional ${counter}` };
      case 3:
        if (counter === undefined) break;
        s.state[counter] += 0.25 + (n % 3) / 2;
        return { snapshot: s, mustRefuse: true, what: `fractional ${counter}` };
      case 4:
        if (head === undefined) break;
        s.state[head] = (n % 2 ? 1 : 10) * Math.max(1, longest(s)) + (n % 5) + (n % 3 === 0 ? 1e9 : 0);
        return { snapshot: s, mustRefuse: true, what: `${head} outside its ring` };
      case 5:
        if (barCount === undefined) break;
        s.state[barCount] = s.bars + 1 + (n % 1000);
        return { snapshot: s, mustRefuse: true, what: `${barCount} above the bars committed` };
      case 6:
        s.bars = n % 2 ? -1 - (n % 9) : s.bars + 0.5;
        return { snapshot: s, mustRefuse: true, what: 'bars negative or fractional' };
      case 7: {
        const key = Object.keys(s.state)[n % Object.keys(s.state).length]!;
        s.state[key] = Array.isArray(s.state[key]) ? x : junk === null || typeof junk !== 'number' ? junk : [junk];
        return { snapshot: s, mustRefuse: true, what: `${key} of the wrong type` };
      }
      case 8:
        if (array === undefined) break;
        if (n % 2) s.state[array].push(x);
        else s.state[array].pop();
        return { snapshot: s, mustRefuse: true, what: `${array} of the wrong length` };
      case 9:
        s.version = n % 2 ? 2 : '1';
        return { snapshot: s, mustRefuse: true, what: 'version' };
      case 10:
        // Values: plausible or not, the library may accept them; what it accepts must work.
        if (float !== undefined) s.state[float] = n % 3 === 0 ? x : n % 3 === 1 ? 1e300 * Math.sign(x || 1) : 0;
        return { snapshot: s, mustRefuse: false, what: `value ${float}` };
      case 11:
        if (array !== undefined && s.state[array].length > 0) s.state[array][n % s.state[array].length] = n % 2 ? x : 1e300;
        return { snapshot: s, mustRefuse: false, what: `element of ${array}` };
      default:
        s.params = { ...s.params, period: Math.max(2, ((s.params.period as number) ?? 14) + 1 + (n % 5)) };
        return { snapshot: s, mustRefuse: false, what: 'params changed' };
    }
    return { snapshot: snap, mustRefuse: false, what: 'genuine' };
  });

/** A genuine snapshot of a given indicator after 40 bars (the same bars whatever the indicator). */
function genuineFor(id: string, n: number, params?: Record<string, number>): Record<string, any> {
  const def = getIndicator(id);
  const stream = createStream(id, params ?? (def.params.some((p) => p.name === 'period') ? { period: 5 + (n % 10) } : undefined));
  for (let b = 0; b < 40; b++) {
    const c = 100 + Math.cos(b / 3) * 4;
    const all: Record<string, number> = { open: c, high: c + 1, low: c - 1, close: c, volume: 500 + b, real0: c, real1: c + Math.sin(b), periods: 2 + ((b * 7) % 41) };
    stream.update(Object.fromEntries(def.inputs.map((name) => [name, all[name]!])));
  }
  return structuredClone(stream.snapshot()) as unknown as Record<string, any>;
}
