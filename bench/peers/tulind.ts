import { createRequire } from 'node:module';
import { tulipTable } from './tulip-table.ts';
import type { Peer, PeerCall, TaOpts } from './types.ts';
import { rightAlign } from './types.ts';

type Callback = (err: Error | null, results: number[][]) => void;
interface Tulind {
  indicators: Record<string, { indicator(inputs: number[][], options: number[], cb: Callback): void }>;
}
const tulind: Tulind = createRequire(import.meta.url)('tulind');

function call(ta: string, o: TaOpts): PeerCall {
  const spec = tulipTable[ta]!;
  const options = spec.options(o);
  const fn = tulind.indicators[spec.fn]!;
  return {
    // tulind wants arrays of numbers (it refuses a Float64Array); its callback runs synchronously.
    run(bars) {
      let out: number[][] | undefined;
      fn.indicator(
        spec.inputs.map((f) => Array.from(bars[f])),
        options,
        (err, results) => {
          if (err) throw err;
          out = results;
        },
      );
      return out;
    },
    align: (res, n) => spec.outputs.map((k) => rightAlign((res as number[][])[k]!, n)),
  };
}

export const tulindPeer: Peer = {
  id: 'tulind',
  package: 'tulind',
  implementation: 'native addon (C)',
  callStyle: 'tulind.indicators.sma.indicator([number[]], [period], callback); Array.from of each Float64Array input',
  functions: Object.fromEntries(Object.keys(tulipTable).map((ta) => [ta, (o: TaOpts) => call(ta, o)])),
};
