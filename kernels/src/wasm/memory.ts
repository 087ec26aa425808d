const PAGE = 65_536;
const ALIGN = 64;

interface Block {
  ptr: number;
  size: number;
}

/**
 * The kernels' linear memory above the module's heap base, managed from the host: first-fit blocks,
 * 64-byte aligned, coalesced on free. The memory grows only when live blocks need more room, and
 * never shrinks, so repeated calls of the same size reuse the same bytes.
 */
export class LinearMemory {
  readonly memory: WebAssembly.Memory;
  private readonly base: number;
  private free: Block[] = [];
  private used = new Map<number, number>();
  private top: number;
  /**
   * The whole memory as doubles (index = byte address / 8), re-made when the memory grows (growth
   * detaches the old buffer). Copies in and out index it instead of making a view per array.
   */
  heap: Float64Array;

  constructor(memory: WebAssembly.Memory, heapBase: number) {
    this.memory = memory;
    this.base = Math.ceil(heapBase / ALIGN) * ALIGN;
    this.top = this.base;
    this.heap = new Float64Array(memory.buffer);
  }

  alloc(bytes: number): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    const i = this.free.findIndex((b) => b.size >= size);
    let ptr: number;
    if (i >= 0) {
      const block = this.free[i]!;
      ptr = block.ptr;
      if (block.size === size) this.free.splice(i, 1);
      else this.free[i] = { ptr: block.ptr + size, size: block.size - size };
    } else {
      ptr = this.top;
      this.ensure(ptr + size);
      this.top += size;
    }
    this.used.set(ptr, size);
    return ptr;
  }

  release(ptr: number): void {
    const size = this.used.get(ptr);
    if (size === undefined) return;
    this.used.delete(ptr);
    this.free.push({ ptr, size });
    this.free.sort((a, b) => a.ptr - b.ptr);
    const merged: Block[] = [];
    for (const b of this.free) {
      const last = merged[merged.length - 1];
      if (last && last.ptr + last.size === b.ptr) last.size += b.size;
      else merged.push({ ...b });
    }
    // A free block at the top returns to the unallocated tail.
    const tail = merged[merged.length - 1];
    if (tail && tail.ptr + tail.size === this.top) {
      this.top = tail.ptr;
      merged.pop();
    }
    this.free = merged;
  }

  private lastView: Float64Array | undefined;
  private lastViewHeap: Float64Array | undefined;
  private lastViewFrom = -1;

  /**
   * `heap.subarray(from, from + length)` (double indices), the last one kept: a call repeated at the
   * same size copies its outputs out through the same view instead of making one each time.
   */
  doubles(from: number, length: number): Float64Array {
    const v = this.lastView;
    if (v !== undefined && this.lastViewHeap === this.heap && this.lastViewFrom === from && v.length === length) return v;
    this.lastViewHeap = this.heap;
    this.lastViewFrom = from;
    return (this.lastView = this.heap.subarray(from, from + length));
  }

  /** A Float64Array view of `length` doubles at `ptr`; views go stale when the memory grows. */
  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length);
  }

  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    this.memory.grow(Math.ceil((end - have) / PAGE));
    this.heap = new Float64Array(this.memory.buffer);
  }
}
