// The test files `npm test` runs: **/test/**/*.test.ts in the workspaces and scripts/ (node_modules
// excluded), repository-relative and sorted. Shared by scripts/run-tests.mjs and the docs test.
import { globSync } from 'node:fs';

export const TEST_PATTERNS = ['kernels/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'grafana/test/**/*.test.ts', 'monitoring/test/**/*.test.ts', 'alerts/test/**/*.test.ts', 'test/**/*.test.ts', 'bench/test/**/*.test.ts', 'deploy/test/**/*.test.ts', 'scripts/test/**/*.test.ts'];

export function testFiles(root: string): string[] {
  return TEST_PATTERNS.flatMap((p) => globSync(p, { cwd: root, exclude: (f) => f.includes('node_modules') })).sort();
}
