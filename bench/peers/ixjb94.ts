import { IndicatorsSync } from '@ixjb94/indicators';
import { tulipTable } from './tulip-table.ts';
import type { TulipSpec } from './tulip-table.ts';
import type { Peer, PeerCall, TaOpts } from './types.ts';
import { rightAlign } from './types.ts';

const ta = new IndicatorsSync();
type Fn = (...args: unknown[]) => number[] | number[][];

/** Where its signature differs from Tulip's (its ADX, ADXR and DX read no close). */
const overrides: Record<string, Partial<TulipSpec>> = { ADX: { inputs: ['high', 'low'] }, ADXR: { inputs: ['high', 'low'] }, DX: { inputs: ['high', 'low'] } };

function call(name: string, o: TaOpts): PeerCall {
  const spec = { ...tulipTable[name]!, ...overrides[name] };
  const options = spec.options(o);
  const fn = (ta as unknown as Record<string, Fn>)[spec.fn]!.bind(ta);
  return {
    // Typed as number[] but indexes its inputs only: a Float64Array is passed as it is (checked by conformance).
    run: (bars) => fn(...spec.inputs.map((f) => bars[f]), ...options),
    align(res, n) {
      // One output comes as number[], several as number[][].
      const multi = Array.isArray((res as unknown[])[0]);
      return spec.outputs.map((k) => rightAlign(multi ? (res as number[][])[k]! : (res as number[]), n));
    },
  };
}

export const ixjb94Peer: Peer = {
  id: '@ixjb94/indicators',
  package: '@ixjb94/indicators',
  implementation: 'JavaScript',
  callStyle: 'new IndicatorsSync().sma(Float64Array, period) etc. (accepts the typed array)',
  functions: Object.fromEntries(Object.keys(tulipTable).filter((k) => (ta as unknown as Record<string, unknown>)[tulipTable[k]!.fn]).map((k) => [k, (o: TaOpts) => call(k, o)])),
};
