// The closing summary of `npm test` from what scripts/test-summary-reporter.mjs collected: counts,
// one NOT RUN line per file and reason, one FAILED line per failed test, and, under
// CHITTI_REQUIRE_ALL, which of the tests that did not run are refused (all but ALLOWED_IN_CI).
import { relative } from 'node:path';

export interface RunSummary {
  passed: number;
  failed: number;
  todo: number;
  skipped: { name: string; file: string; kind: string; reason: string }[];
  failures: { name: string; file: string }[];
}

/** Tests that may not run even in CI, each with the reason it is acceptable there. */
export const ALLOWED_IN_CI: { reason: RegExp; why: string }[] = [
  { reason: /^docker compose \(v2\) is not installed$/, why: 'Debian ships docker-compose 1.29 only; the Compose v2 plugin comes from Docker\'s own repository' },
  { reason: /^kubectl is not installed/, why: 'no kubectl package in Debian bookworm; the manifests are checked against the Kubernetes schemas without it' },
];

export interface Report {
  lines: string[];
  /** Under requireAll: the tests or suites that did not run and are not allowed to skip. */
  refused: RunSummary['skipped'];
}

export function report(summary: RunSummary, opts: { root: string; requireAll: boolean; files: number; seconds: string }): Report {
  const refused: RunSummary['skipped'] = [];
  const groups = new Map<string, RunSummary['skipped']>();
  for (const s of summary.skipped) {
    const key = `${relative(opts.root, s.file) || '?'}\0${s.reason || 'no reason given'}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const lines = [`npm test: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped.length} did not run${summary.todo ? `, ${summary.todo} todo` : ''} (${opts.files} files, ${opts.seconds} s)`];
  for (const [key, list] of groups) {
    const [file, reason = ''] = key.split('\0');
    const allowed = ALLOWED_IN_CI.find((a) => a.reason.test(reason));
    if (opts.requireAll && !allowed) refused.push(...list);
    const what = list.length === 1 ? `"${list[0]!.name}"` : `${list.length} ${list.every((s) => s.kind === 'suite') ? 'suites' : 'tests'}`;
    lines.push(`  NOT RUN  ${file}: ${what}: ${reason}${opts.requireAll && allowed ? ` (accepted in CI: ${allowed.why})` : ''}`);
  }
  for (const f of summary.failures) lines.push(`  FAILED   ${relative(opts.root, f.file) || '?'}: ${f.name}`);
  if (refused.length) lines.push(`CHITTI_REQUIRE_ALL is set: ${refused.length} test(s) or suite(s) that did not run count as failures.`);
  return { lines, refused };
}
