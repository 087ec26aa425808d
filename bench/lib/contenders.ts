/** Names of the benchmark's own contenders in results/peers.json (every other name is a peer's id). */
export const OURS = 'chitti';
export const OURS_ZERO_COPY = 'chitti zero-copy';
/** compute() writing into output arrays the caller allocated once (options.outputs). */
export const OURS_CALLER_OUTPUTS = 'chitti, caller outputs';
export const MEMCPY = 'memcpy';
export const LOOP_FRESH = 'plain loop';
export const LOOP_PREALLOCATED = 'plain loop, preallocated';
/** The benchmark's own contenders: never a peer. */
export const OWN_CONTENDERS: ReadonlySet<string> = new Set([OURS, OURS_ZERO_COPY, MEMCPY, LOOP_FRESH, LOOP_PREALLOCATED, OURS_CALLER_OUTPUTS]);
