// The kernels never allocate: the host manages linear memory above the heap base and passes pointers.
export function heapBase(): usize {
  return __heap_base;
}
