import { mamaFamaInto } from '../../assembly/lib/hilbert';

/** MAMA and FAMA with TA-Lib's start and order (see src/reference/hilbert.ts); a scalar serial chain. */
export function mama(x: usize, mamaOut: usize, famaOut: usize, n: i32, fastLimit: f64, slowLimit: f64): void {
  mamaFamaInto(x, mamaOut, famaOut, n, fastLimit, slowLimit);
}

// TA-Lib's MA type 7 (MAMA alone) for kernels that take an MA type; exported so the tests call it directly.
export { mamaInto } from '../../assembly/lib/hilbert';
