import { Buffer } from 'node:buffer';

/**
 * Backing memory for fresh outputs: every output array of one call is a view of one ArrayBuffer, and
 * small calls share pooled slabs, as Node's Buffer pool does. A fresh Float64Array costs a zeroed
 * allocation and the garbage collections it drives (about 1 µs each at a few hundred values), more
 * than the kernel; a view of a slab costs a few tens of nanoseconds. Consequences, documented for
 * users: an output's `.buffer` may be shared with other results (use `.slice()` for a private
 * buffer), and bytes of that buffer outside the view are unspecified. Memory is never handed out
 * before the kernel or the copy has written every element of the view.
 */
const SLAB_BYTES = 64 * 1024;
/** Calls needing at most this many bytes for all their outputs share a slab; larger ones get their own buffer. */
export const POOLED_MAX_BYTES = SLAB_BYTES / 8;

let slab: ArrayBuffer = uninitialised(SLAB_BYTES);
let slabUsed = 0;

/** An ArrayBuffer of `bytes` bytes, not zero-filled (every byte handed out is written before use). */
function uninitialised(bytes: number): ArrayBuffer {
  return Buffer.allocUnsafeSlow(bytes).buffer as ArrayBuffer;
}

/** Where a call's outputs live: `count` arrays of `n` doubles, back to back from `offset` (bytes) in `buffer`. */
export interface OutputBlock {
  buffer: ArrayBuffer;
  offset: number;
}

/** Room for `count` outputs of `n` doubles each, contiguous. */
export function outputBlock(count: number, n: number): OutputBlock {
  const bytes = count * n * 8;
  if (bytes > POOLED_MAX_BYTES) return { buffer: uninitialised(Math.max(bytes, 8)), offset: 0 };
  if (slabUsed + bytes > SLAB_BYTES) {
    slab = uninitialised(SLAB_BYTES);
    slabUsed = 0;
  }
  const block = { buffer: slab, offset: slabUsed };
  // Keep every block 16-byte aligned (a Float64Array needs 8).
  slabUsed += (bytes + 15) & ~15;
  return block;
}
