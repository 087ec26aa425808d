// The commands of every Markdown file (generated reports excepted) work as written after
// `npm install` on a machine whose own Node is 20, and each one is run somewhere: here, by
// deploy/smoke.ts on the live stack, by .ci/run, or a named test; or it says why not
// (test/docs/command-plans.ts). The cheap and safe ones run here, against `npm start` on ephemeral
// ports: localhost:8080 and /tmp/chitti-compute.sock are rewritten to the test's own.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { testFiles } from '../scripts/test-files.ts';
import { checkCommand, simpleCommands, workspaces } from './docs/check-command.ts';
import { KNOWN_UNFIXED, planFor, type Plan } from './docs/command-plans.ts';
import { documentedCommands, effective, markdownFiles, unfixed } from './docs/documented.ts';
import { type DocCommand, extractCommands } from './docs/markdown-commands.ts';
import { type Service, answers, freePort, runShell, startService } from './docs/shell.ts';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const markdown = markdownFiles(root);
const documented = documentedCommands(root);
const where = (c: DocCommand) => `${c.file}:${c.line}`;

describe('commands in the docs', () => {
  it('extracts shell blocks (continuations joined, comments and shown output apart) and inline commands', () => {
    const md = [
      'Run `npm test -- alerts` or `npm` alone; `a b` is not a command.',
      '```sh',
      '# a comment line',
      'curl -s localhost:8080/x \\',
      "  -d '{\"a\": 1}'   # trailing comment",
      '# {"ok":true}',
      '',
      'npm start',
      '```',
      '```',
      'not a shell block',
      '```',
    ].join('\n');
    assert.deepEqual(extractCommands(md, 'x.md').map((c) => [c.line, c.text, c.where, c.shown]), [
      [1, 'npm test -- alerts', 'inline', []],
      [4, `curl -s localhost:8080/x -d '{"a": 1}'`, 'block', ['{"ok":true}']],
      [8, 'npm start', 'block', []],
    ]);
    assert.deepEqual(simpleCommands("A=1 B=2 npm run x -- y | grep z && node -e 'p()' > out.bin"), [['npm', 'run', 'x', '--', 'y'], ['grep', 'z'], ['node', '-e', 'p()']]);
  });

  it('finds the commands of every Markdown file', () => {
    assert.ok(markdown.includes('README.md') && markdown.length >= 15, markdown.join(', '));
    assert.ok(documented.length >= 100, `${documented.length} commands`);
    assert.ok(documented.some((c) => c.file === 'README.md' && c.text === 'npm test'));
  });

  it('every command works as written after npm install on Node 20: npm scripts, files and workspaces that exist, no `node file.ts`', () => {
    const ws = workspaces(root);
    const tests = testFiles(root);
    const problems: string[] = [];
    const stillBroken = new Set<string>();
    for (const c of documented) {
      const found = checkCommand(c.text, ws, tests);
      const known = unfixed(c);
      if (known) {
        if (found.length > 0) stillBroken.add(`${known.file}\0${known.command}`);
        const afterFix = checkCommand(known.fix, ws, tests);
        if (afterFix.length) problems.push(`${where(c)}: the fix \`${known.fix}\` itself fails: ${afterFix.join('; ')}`);
        continue;
      }
      for (const p of found) problems.push(`${where(c)}: \`${c.text}\`: ${p}`);
    }
    assert.deepEqual(problems, []);
    // Owners fix their files on their own schedule: a listed command that is fixed or gone is only reported.
    const fixed = KNOWN_UNFIXED.filter((k) => !stillBroken.has(`${k.file}\0${k.command}`));
    if (fixed.length) console.log(`[docs] KNOWN_UNFIXED entries no longer needed (drop them from test/docs/command-plans.ts): ${fixed.map((k) => `${k.file}: \`${k.command}\``).join('; ')}`);
    if (KNOWN_UNFIXED.length) console.log(`[docs] ${KNOWN_UNFIXED.length} documented commands in files owned elsewhere still fail as written; run here in their fixed form:\n${KNOWN_UNFIXED.map((k) => `  ${k.file}: \`${k.command}\` -> \`${k.fix}\``).join('\n')}`);
  });

  it('the README\'s first screen lists every page the compose banner prints (deploy/compose.sh), online and offline', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const firstScreen = readme.slice(0, readme.indexOf('\n## '));
    const script = readFileSync(join(root, 'deploy/compose.sh'), 'utf8');
    const banner = script.slice(script.indexOf('banner() {'), script.indexOf('\n}\n', script.indexOf('banner() {')));
    const urls = [...new Set([...banner.matchAll(/http:\/\/127\.0\.0\.1:\d+[^\s"'),;]*/g)].map((m) => m[0]))];
    assert.ok(urls.length >= 9, urls.join(', '));
    assert.deepEqual(urls.filter((u) => !firstScreen.includes(u)), [], 'banner pages missing from the README before its first section');
    assert.ok(firstScreen.split('\n').length <= 50, `the first screen is ${firstScreen.split('\n').length} lines`);
  });

  it('every command says where it runs (test/docs/command-plans.ts), and the CI ones are in .ci/run', () => {
    const ciScript = readFileSync(join(root, '.ci/run'), 'utf8');
    const missing = documented.filter((c) => !planFor(effective(c))).map((c) => `${where(c)}: \`${effective(c)}\``);
    assert.deepEqual(missing, [], 'commands no plan claims');
    const notInCi = documented.filter((c) => planFor(effective(c))!.kind === 'ci' && !ciScript.includes(effective(c))).map((c) => `${where(c)}: \`${c.text}\``);
    assert.deepEqual(notInCi, [], 'plans say .ci/run runs these, but it does not');
    const byKind = new Map<Plan['kind'], Set<string>>();
    for (const c of documented) {
      const kind = planFor(effective(c))!.kind;
      byKind.set(kind, (byKind.get(kind) ?? new Set()).add(effective(c)));
    }
    console.log(`[docs] ${documented.length} commands in ${markdown.length} Markdown files, ${new Set(documented.map(effective)).size} distinct: ${[...byKind].map(([k, v]) => `${v.size} ${k}`).join(', ')}`);
  });
});

/** Commands this test runs, in document order, each once. */
const runHere = [...new Map(documented.filter((c) => planFor(effective(c))?.kind === 'docs-test').map((c) => [effective(c), c])).values()];
const has = (program: string) => spawnSync('bash', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
const requireAll = ['1', 'true', 'yes'].includes((process.env.CHITTI_REQUIRE_ALL ?? '').toLowerCase());

/** External programs a command needs that this machine lacks (CI installs them: .ci/run). */
function lacking(command: string): string[] {
  const programs = simpleCommands(command).map((w) => w[0]!).filter((p) => ['xxd', 'jq', 'openssl', 'amtool', 'curl'].includes(p));
  return [...new Set(programs)].filter((p) => !has(p));
}

describe('documented commands, run', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'chitti-docs-'));
  const ports = { api: 0, admin: 0, sink: 0, prodApi: 0, prodAdmin: 0 };
  const socket = join(dir, 'compute.sock');
  const tokenFile = join(dir, 'chitti-tokens');
  let compute: Service | undefined;
  let sink: Service | undefined;
  const baseEnv = () => ({ ...process.env, LOG_LEVEL: 'warn' });
  /** The command with the test's ports and paths; `api` picks which service localhost:8080 means. */
  const rewrite = (command: string, api = ports.api) =>
    command
      .replaceAll('localhost:8080', `127.0.0.1:${api}`)
      .replaceAll('127.0.0.1:8080', `127.0.0.1:${api}`)
      .replaceAll('localhost:9095', `127.0.0.1:${ports.sink}`)
      .replaceAll('/tmp/chitti-compute.sock', socket)
      .replaceAll('/run/secrets/chitti-tokens', tokenFile);
  const computeEnv = () => ({ ...baseEnv(), PORT: String(ports.api), METRICS_PORT: String(ports.admin), COMPUTE_SOCKET: socket });
  const requestsServed = async () => {
    const text = await (await fetch(`http://127.0.0.1:${ports.admin}/metrics`)).text();
    return [...text.matchAll(/^chitti_compute_requests_total\{[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
  };

  before(async () => {
    for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
    compute = await startService('npm start', root, computeEnv(), () => answers(`http://127.0.0.1:${ports.admin}/ready`));
    sink = await startService(rewrite('npm start -w @chitti/alert-sink'), root, { ...baseEnv(), PORT: String(ports.sink), HOST: '127.0.0.1' }, () => answers(`http://127.0.0.1:${ports.sink}/health`));
  });

  after(async () => {
    const results = await Promise.all([compute?.stop(), sink?.stop()]);
    rmSync(dir, { recursive: true, force: true });
    for (const r of results) if (r && r.status !== 0 && r.signal !== 'SIGTERM') console.log(`[docs] a service exited with ${r.status ?? r.signal}`);
  });

  it('npm start serves the API on loopback and stops on SIGTERM (the README\'s first command; test/npm-start.test.ts checks the drain)', async () => {
    assert.ok(compute?.running());
    assert.ok(await answers(`http://127.0.0.1:${ports.admin}/health`));
  });

  it('npm start -w @chitti/alert-sink serves its page (what `open http://localhost:9095/alerts` shows)', async () => {
    const res = await fetch(`http://127.0.0.1:${ports.sink}/alerts`, { headers: { accept: 'text/html' } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<h1>Alert sink<\/h1>/);
  });

  for (const c of runHere) {
    const command = effective(c);
    if (command === 'npm start' || command === 'npm start -w @chitti/alert-sink') continue;
    const skipFor = lacking(command);
    // curl, jq, xxd, openssl: .ci/run installs them; amtool: npm test fetches it (scripts/external-tools.ts).
    const skip = skipFor.length && !requireAll ? `${skipFor.join(', ')} not available (.ci/run installs curl, jq, xxd and openssl; npm test fetches amtool where it can)` : false;
    it(`${where(c)}: ${command}`, { skip }, async () => {
      if (/npm start -w @chitti\/loadgen$/.test(command)) {
        // Runs until stopped: three seconds of traffic against npm start, then SIGTERM.
        const before = await requestsServed();
        const env = { ...baseEnv(), TARGET: `http://127.0.0.1:${ports.api}`, DURATION: '0' };
        const loadgen = await startService(rewrite(command), root, env, async () => true);
        await sleep(3000);
        assert.ok(loadgen.running(), `the load generator exited:\n${loadgen.output()}`);
        const exit = await loadgen.stop();
        assert.ok(exit.status === 0 || exit.signal === 'SIGTERM', `exit ${exit.status ?? exit.signal}:\n${loadgen.output()}`);
        assert.ok((await requestsServed()) > before, 'the service counted its requests');
        return;
      }
      if (command.includes('npm run start:production')) {
        // The production entry with the token file the previous command of the README wrote.
        const env = { ...baseEnv(), PORT: String(ports.prodApi), METRICS_PORT: String(ports.prodAdmin), COMPUTE_SOCKET: '', HOST: '127.0.0.1', METRICS_HOST: '127.0.0.1' };
        const prod = await startService(rewrite(command), root, env, () => answers(`http://127.0.0.1:${ports.prodAdmin}/ready`));
        const open = await fetch(`http://127.0.0.1:${ports.prodApi}/v1/indicators`);
        assert.equal(open.status, 401, 'authentication is on');
        const next = documented.find((d) => d.file === c.file && d.line > c.line && d.text.includes('Authorization: Bearer'));
        assert.ok(next, 'the README calls it with the token next');
        const r = await runShell(rewrite(next.text, ports.prodApi), dir, baseEnv());
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /"indicators"|"id"/, r.stdout);
        const exit = await prod.stop();
        assert.ok(exit.status === 0 || exit.signal === 'SIGTERM', `exit ${exit.status ?? exit.signal}:\n${prod.output()}`);
        return;
      }
      if (command.includes('Authorization: Bearer $(cut')) return; // run by the start:production case above
      // Commands reading or writing the example's files run in a scratch directory, the rest at the root.
      const cwd = /\.bin\b|>\s/.test(command) ? dir : root;
      const r = await runShell(rewrite(command), cwd, computeEnv(), 120_000);
      assert.equal(r.status, 0, `exit ${r.status ?? r.signal}\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`);
      if (/^curl /.test(command)) {
        assert.ok(r.stdout.length > 0 || command.includes(' -o '), 'curl printed nothing');
        assert.doesNotMatch(r.stdout, /"status":\s*[45]\d\d/, 'the service answered with a problem');
      }
      // The output the doc shows below the command: each line (up to a run of spaces before a
      // trailing annotation) appears in what the command printed.
      for (const line of c.shown) {
        const expected = line.split(/\s{3,}/)[0]!.trim().toLowerCase();
        assert.ok(r.stdout.toLowerCase().includes(expected), `${where(c)} shows "${expected}", the command printed:\n${r.stdout.slice(0, 1500)}`);
      }
    });
  }
});
