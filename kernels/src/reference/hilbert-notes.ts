// What the Hilbert-transform family's docs say about its conformance, in one place.

/** MAMA, HT_DCPERIOD, HT_PHASOR, HT_TRENDLINE: continuous functions of the trig results. */
export const HILBERT_TOLERANCE =
  'TA-Lib\'s arithmetic step for step in both kernels, which agree bit for bit (the same atan); the trigonometry (atan) comes from another libm than TA-Lib\'s (V8\'s and AssemblyScript\'s fdlibm-derived ones vs glibc), which differ from it in the last bit for about 2% of arguments: within 1e-11 relative of the output\'s scale (4e-12 measured at worst, on HT_PHASOR; 1e-15 typical)';

/** HT_DCPHASE, HT_SINE, HT_TRENDMODE: the phase is measured through a DFT that can be pure rounding noise. */
export const PHASE_TOLERANCE =
  'TA-Lib\'s arithmetic step for step in both kernels, with another libm (atan, sin, cos differ from glibc\'s in the last bit for about 2-3% of arguments): within 1e-11 relative where the phase is well conditioned; where the DFT\'s imaginary part is within rounding noise of 0 (flat stretches), the phase, like TA-Lib\'s own, is decided by those last bits and may differ by up to the full scale (the tests allow exactly those bars, computed from the DFT, see kernels/test/helpers/hilbert.ts). The two kernels share atan (identical) but not sin and cos (V8\'s vs AssemblyScript\'s), so they agree with each other to the same bound';

/** TA-Lib's unstable period, which these functions add to their lookback. */
export const UNSTABLE_NOTE =
  'TA-Lib adds its global "unstable period" for this function to the lookback and starts the computation that many bars earlier; it is 0 by default (as in the oracle the tests use), which is what this implementation reproduces.';

export const HILBERT_LIBM_NOTE =
  'Not bit-exact with TA-Lib: its atan (and sin, cos) are glibc\'s, ours V8\'s and AssemblyScript\'s; they differ in the last bit for about 2% of arguments, and the recursion carries that as a relative difference of about 1e-15.';

export const PHASE_NOTES: readonly string[] = [
  'TA-Lib\'s start, reproduced: a 4-bar WMA of the price from bar 3, the Hilbert transforms from bar 37 with all state 0, the first output at bar 63.',
  'The phase is the arctangent of a DFT of the last int(smoothPeriod + 0.5) smoothed prices (TA-Lib\'s 50-slot ring, walked back from the newest), plus 90 degrees, plus 360 / smoothPeriod, plus 180 when the imaginary part is negative, minus 360 above 315: it lies in (-45, 315].',
  'Where the imaginary part is exactly 0 TA-Lib keeps the last phase (moved by 90 degrees towards the real part\'s sign) before the corrections; reproduced.',
  'On flat stretches the DFT of a constant is 0 up to rounding, so TA-Lib\'s phase there is decided by its libm\'s last bits; ours by ours. Such bars can differ from TA-Lib by up to the full scale.',
  UNSTABLE_NOTE,
];
