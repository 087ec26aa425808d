/** Names of the benchmark's own contenders in results/peers.json (every other name is a peer's id). */
export const OURS = 'chitti';
export const OURS_ZERO_COPY = 'chitti zero-copy';
export const MEMCPY = 'memcpy';
export const LOOP_FRESH = 'plain loop';
export const LOOP_PREALLOCATED = 'plain loop, preallocated';
