// Locates and runs promtool and amtool for the rule and configuration tests.
// The binaries are required: a missing one fails the tests with instructions instead of skipping.
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const INSTALL_HINT =
  'Install it: Debian bookworm `apt-get install -y prometheus prometheus-alertmanager`; ' +
  'Debian trixie or newer `apt-get install -y promtool prometheus-alertmanager`; ' +
  'or point PROMTOOL / AMTOOL at the binaries.';

export interface ToolResult {
  status: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for assertion messages. */
  output: string;
}

/** Runs `tool` (PROMTOOL / AMTOOL env override, else from PATH) in the repository root. */
export function run(tool: 'promtool' | 'amtool', args: readonly string[]): ToolResult {
  const bin = process.env[tool.toUpperCase()] || tool;
  const res = spawnSync(bin, args, { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  if (res.error) {
    const code = (res.error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `${bin} was not found` : `${bin} could not run (${res.error.message})`;
    throw new Error(`${why}. ${INSTALL_HINT}`);
  }
  const stdout = res.stdout ?? '';
  const stderr = res.stderr ?? '';
  return { status: res.status ?? 1, stdout, stderr, output: `${stdout}\n${stderr}`.trim() };
}

/** Repository-relative paths matching `pattern`, sorted. */
export function files(pattern: string): string[] {
  return globSync(pattern, { cwd: repoRoot }).sort();
}

/** The rule files Prometheus loads and the promtool unit-test files. */
export const ruleFiles = (): string[] => [...files('prometheus/rules/*.rules.yml'), ...files('alerts/*.rules.yml')];
export const ruleTestFiles = (): string[] => [...files('prometheus/test/*.test.yml'), ...files('alerts/test/*.test.yml')];
