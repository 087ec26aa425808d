/**
 * Where a process's resident memory is, from /proc/<pid>/smaps (Linux): file-backed (code, mapped
 * files), the glibc main arena (`[heap]`, brk), glibc thread arenas (a thread arena's heap is a 64 MiB
 * reservation aligned on 64 MiB whose used part is read-write and the rest inaccessible), and the other
 * anonymous mappings (V8's heap pages, WebAssembly memory, thread stacks, and malloc chunks large
 * enough to get their own mmap). Used by bench/service/soak.ts to say which part of resident memory moves.
 */
import { readFileSync } from 'node:fs';

export interface RssParts {
  /** All resident memory (sum of Rss over mappings; equals VmRSS up to rounding). */
  rss: number;
  file: number;
  brk: number;
  arenas: number;
  /** Number of thread-arena heaps. */
  arenaCount: number;
  otherAnon: number;
  /** Number of mappings (a growing count of anonymous mappings would show here). */
  mappings: number;
}

const ARENA = 64n * 1024n * 1024n;

interface Mapping {
  start: bigint;
  end: bigint;
  perms: string;
  name: string;
  rss: number;
}

export function rssParts(pid: number): RssParts {
  const maps: Mapping[] = [];
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) (\S{4}) \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (header) maps.push({ start: BigInt(`0x${header[1]}`), end: BigInt(`0x${header[2]}`), perms: header[3]!, name: header[4]!.trim(), rss: 0 });
    else if (line.startsWith('Rss:') && maps.length > 0) maps.at(-1)!.rss = Number(line.slice(4).trim().split(/\s+/)[0]) * 1024;
  }
  const out: RssParts = { rss: 0, file: 0, brk: 0, arenas: 0, arenaCount: 0, otherAnon: 0, mappings: maps.length };
  for (let i = 0; i < maps.length; i++) {
    const m = maps[i]!;
    out.rss += m.rss;
    if (m.name === '[heap]') out.brk += m.rss;
    else if (m.name.startsWith('/') || m.name.startsWith('[v')) out.file += m.rss;
    else if (m.name === '' && m.perms.startsWith('rw') && m.start % ARENA === 0n && isArena(m, maps[i + 1])) {
      out.arenas += m.rss;
      out.arenaCount++;
    } else out.otherAnon += m.rss;
  }
  return out;
}

/** A 64 MiB-aligned read-write mapping that fills its 64 MiB or is followed by its inaccessible rest. */
function isArena(m: Mapping, next: Mapping | undefined): boolean {
  if (m.end - m.start === ARENA) return true;
  return next !== undefined && next.start === m.end && next.perms.startsWith('---') && next.end - m.start === ARENA;
}
