// A node:test reporter for scripts/run-tests.mjs: writes one JSON line with the counts and every
// test or suite that did not run (skipped, with its reason), read back for the summary at the end.
export default async function* summaryReporter(source) {
  const summary = { passed: 0, failed: 0, todo: 0, skipped: [], failures: [] };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { name, file, skip, todo, details } = event.data;
    if (skip !== undefined && skip !== false) {
      summary.skipped.push({ name, file: file ?? '', kind: details?.type ?? 'test', reason: typeof skip === 'string' ? skip : '' });
      continue;
    }
    if (details?.type === 'suite') continue;
    if (todo !== undefined && todo !== false) summary.todo++;
    else if (event.type === 'test:pass') summary.passed++;
    else {
      summary.failed++;
      summary.failures.push({ name, file: file ?? '' });
    }
  }
  yield `${JSON.stringify(summary)}\n`;
}
