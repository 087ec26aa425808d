import type { Conformance } from '../lib/conformance.ts';

/** A Markdown table. Pipes in cells are escaped. */
export function table(head: string[], rows: string[][]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${head.map(cell).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

/** A number with 3 significant digits (no exponent below 1e6). */
export function num(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return String(Number(v.toPrecision(3)));
}

export const classRank = { exact: 0, 'within 1e-9': 1, convention: 2, wrong: 3 } as const;

export function conformanceCell(c: Conformance | { error: string } | undefined, skipped: string | undefined): string {
  if (!c) return skipped ? `not run (${skipped})` : '—';
  if ('error' in c) return `failed`;
  return c.class === 'wrong' ? '**wrong**' : c.class;
}
