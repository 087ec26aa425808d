// Locates and runs promtool, amtool and Alertmanager for the rule and configuration tests.
// `npm test` fetches them first when it can (scripts/external-tools.ts). A tool that is still
// missing makes its tests report NOT RUN with the reason (counted in npm test's summary), unless
// CHITTI_REQUIRE_ALL=1 (CI): then they run and fail with instructions.
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const INSTALL_HINT =
  'npm test fetches Debian\'s packages itself where apt works (or uses a local Prometheus/Alertmanager image when Docker answers); ' +
  'otherwise install them (bookworm: apt-get install -y prometheus prometheus-alertmanager; trixie: promtool prometheus-alertmanager) ' +
  'or point PROMTOOL / AMTOOL / ALERTMANAGER at the binaries.';

export type Tool = 'promtool' | 'amtool' | 'alertmanager';

/** The program to run for `tool`: PROMTOOL / AMTOOL / ALERTMANAGER, else the first name on PATH that runs. */
export function binary(tool: Tool): string {
  const override = process.env[tool.toUpperCase()];
  if (override) return override;
  const names = tool === 'alertmanager' ? ['prometheus-alertmanager', 'alertmanager'] : [tool];
  return names.find((name) => !spawnSync(name, ['--version'], { stdio: 'ignore', timeout: 30_000 }).error) ?? names[0]!;
}

const requireAll = ['1', 'true', 'yes'].includes((process.env.CHITTI_REQUIRE_ALL ?? '').toLowerCase());

/**
 * `false` when the tests needing `tools` can run (or must, under CHITTI_REQUIRE_ALL), else the
 * reason they do not, for node:test's `skip`. Prints one NOT RUN line per call.
 */
export function notRunReason(label: string, tools: readonly Tool[]): false | string {
  if (requireAll) return false;
  const reported = JSON.parse(process.env.CHITTI_TOOLS_MISSING ?? '{}') as Record<string, string>;
  const reasons = tools.flatMap((tool) => {
    const r = spawnSync(binary(tool), ['--version'], { stdio: 'ignore', timeout: 30_000 });
    if (!r.error && r.status === 0) return [];
    return [`${tool} is not available (${reported[tool] ?? (r.error ? `${binary(tool)} not found` : `${binary(tool)} --version failed`)})`];
  });
  if (reasons.length === 0) return false;
  const why = reasons.join('; ');
  console.log(`[${label}] NOT RUN: ${why}. ${INSTALL_HINT}`);
  return why;
}

export interface ToolResult {
  status: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for assertion messages. */
  output: string;
}

/** Runs `tool` (PROMTOOL / AMTOOL env override, else from PATH) in the repository root. */
export function run(tool: 'promtool' | 'amtool', args: readonly string[]): ToolResult {
  const bin = binary(tool);
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
