// Every command of the repository's Markdown files (generated reports excepted), and the form that
// is actually run: the fix its owner is asked for, for a known unfixed one (command-plans.ts).
import { globSync } from 'node:fs';
import { KNOWN_UNFIXED, planFor, type Plan } from './command-plans.ts';
import { type DocCommand, commandsOf } from './markdown-commands.ts';

/** Generated from data: their commands are the generators'. */
export const GENERATED_MARKDOWN = new Set(['bench/REPORT.md', 'bench/CATALOGUE.md', 'kernels/INDICATORS.md']);

export function markdownFiles(root: string): string[] {
  return globSync('**/*.md', { cwd: root, exclude: (f) => f.includes('node_modules') || f.startsWith('.') || f.startsWith('bench/results') })
    .filter((f) => !GENERATED_MARKDOWN.has(f))
    .sort();
}

export function documentedCommands(root: string): DocCommand[] {
  return markdownFiles(root).flatMap((f) => commandsOf(f, root));
}

export const unfixed = (c: DocCommand) => KNOWN_UNFIXED.find((k) => k.file === c.file && k.command === c.text);

/** What is run for a command: the fix its owner is asked for, when it is a known unfixed one. */
export const effective = (c: DocCommand): string => unfixed(c)?.fix ?? c.text;

export const planOf = (c: DocCommand): Plan | undefined => planFor(effective(c));

/** The distinct commands whose plan is `kind`, in document order. */
export function commandsPlanned(root: string, kind: Plan['kind']): string[] {
  return [...new Set(documentedCommands(root).filter((c) => planOf(c)?.kind === kind).map(effective))];
}
