// The WebAssembly module of the fast JSON path (built by ../build.ts into ../numbers.wasm.ts).
// The host lays out the memory: the tables it computes (tables.ts), then the body and the arrays.
export { parseArray, parseOne, setPowersOfFive, position, count, slowStart, lastStatus, resumeState } from './parse.as';
export { formatValues, setFormatTables } from './format.as';

export function heapBase(): usize {
  return __heap_base;
}
