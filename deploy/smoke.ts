// Brings the demo stack up, checks it end to end from the host, and takes it down again (volumes too).
//   npm run smoke -- [--offline] [--build] [--keep]      (node deploy/smoke.ts under Node 24)
// --offline  the images of deploy/offline/build-images.sh (no Grafana)
// --build    rebuild the project images first (compose up --build)
// --keep     leave the stack running afterwards (deploy/compose.sh [--offline] down -v removes it)
// Exit code 0 only when every check passed; each check prints one line.
// Besides the stack's health it opens every URL the `up` banner of deploy/compose.sh prints (the pages
// an SRE opens), runs the documented commands meant for a running stack (test/docs/command-plans.ts,
// kind "smoke"), and checks that Prometheus dropped no notification.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ensureTools } from '../scripts/external-tools.ts';
import { commandsPlanned } from '../test/docs/documented.ts';
import { bannerUrls, openPage } from './stack-pages.ts';
import { offlineImages, upstreamImages } from './images.ts';

const args = new Set(process.argv.slice(2));
const offline = args.has('--offline');
const root = fileURLToPath(new URL('..', import.meta.url));
const composeSh = `${root}/deploy/compose.sh`;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s`;
let failures = 0;

function compose(...rest: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(composeSh, offline ? ['--offline', ...rest] : rest, { cwd: root, encoding: 'utf8' });
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

function docker(...rest: string[]): string {
  const r = spawnSync('docker', rest, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`docker ${rest.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

async function check(what: string, fn: () => Promise<string | void>): Promise<void> {
  try {
    const detail = await fn();
    console.log(`[smoke ${elapsed()}] ok   ${what}${detail ? ` (${detail})` : ''}`);
  } catch (error) {
    failures++;
    console.log(`[smoke ${elapsed()}] FAIL ${what}: ${(error as Error).message}`);
  }
}

/** Retries `fn` until it returns without throwing, for at most `seconds`. */
async function eventually<T>(seconds: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

async function get(url: string, init?: RequestInit): Promise<Response> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res;
}

async function promQuery(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const res = await get(`http://127.0.0.1:9090/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await res.json()) as { data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  return body.data.result;
}

/** A secret deploy/compose.sh gave the stack: the environment's, else the one it generated. */
function stackSecret(variable: string, file: string): string {
  const fromEnv = process.env[variable];
  if (fromEnv) return fromEnv;
  const path = `${process.env.CHITTI_STATE_DIR ?? `${homedir()}/.config/chitti`}/${file}`;
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : '';
}

function containers(): Map<string, string> {
  const ids = compose('ps', '-q').stdout.split('\n').filter(Boolean);
  const byService = new Map<string, string>();
  for (const id of ids) byService.set(docker('inspect', '-f', '{{index .Config.Labels "com.docker.compose.service"}}', id), id);
  return byService;
}

async function main(): Promise<void> {
  if (offline) {
    const missing = Object.values(offlineImages()).filter((image) => image !== null && spawnSync('docker', ['image', 'inspect', image]).status !== 0);
    if (missing.length > 0) throw new Error(`missing offline images ${missing.join(', ')}: run deploy/offline/build-images.sh`);
  }
  const images = offline ? offlineImages() : upstreamImages();
  console.log(`[smoke ${elapsed()}] up (${offline ? 'offline' : 'upstream'} images: ${images.compute}, ${images.prometheus}, ${images.alertmanager})`);
  const up = compose('up', '-d', ...(args.has('--build') ? ['--build'] : []));
  if (up.status !== 0) throw new Error(`compose up failed:\n${up.stderr}`);
  const banner = bannerUrls(up.stderr);

  const services = offline ? ['compute', 'loadgen', 'alert-sink', 'alertmanager', 'prometheus'] : ['compute', 'loadgen', 'alert-sink', 'alertmanager', 'prometheus', 'grafana'];
  await check('every container healthy (or running, without a healthcheck)', () =>
    eventually(180, async () => {
      const running = containers();
      const states = services.map((svc) => {
        const id = running.get(svc);
        if (!id) return `${svc}: no container`;
        const state = docker('inspect', '-f', '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}-{{end}}', id);
        return state === 'running healthy' || state === 'running -' ? '' : `${svc}: ${state}`;
      });
      const bad = states.filter(Boolean);
      if (bad.length > 0) throw new Error(bad.join(', '));
      return `${services.length} services`;
    }),
  );

  await check(offline ? 'no Grafana container and no Grafana volume offline' : 'a Grafana container online', async () => {
    const has = containers().has('grafana');
    if (has === offline) throw new Error(`grafana container ${has ? 'exists' : 'missing'}`);
    const project = process.env.COMPOSE_PROJECT_NAME ?? 'chitti';
    const volumes = docker('volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`).split('\n').filter(Boolean);
    if (offline && volumes.some((v) => v.includes('grafana'))) throw new Error(`volumes ${volumes.join(', ')}`);
    return `volumes: ${volumes.join(', ')}`;
  });

  await check('every container runs as a non-root user', async () => {
    const users = [...containers()].map(([svc, id]) => `${svc}=${docker('exec', id, 'id', '-u')}`);
    const root = users.filter((u) => u.endsWith('=0'));
    if (root.length > 0) throw new Error(root.join(', '));
    return users.join(' ');
  });

  await check('every published port is bound to 127.0.0.1 only', async () => {
    const bindings = [...containers()].flatMap(([, id]) => docker('port', id).split('\n').filter(Boolean));
    const open = bindings.filter((b) => !/-> 127\.0\.0\.1:\d+$/.test(b));
    if (open.length > 0) throw new Error(open.join(', '));
    return `${bindings.length} bindings`;
  });

  await check('compute /health and /ready', async () => {
    await get('http://127.0.0.1:9464/health');
    await eventually(30, () => get('http://127.0.0.1:9464/ready'));
  });

  await check('compute API lists indicators, with the stack bearer token', async () => {
    const token = stackSecret('CHITTI_API_TOKEN', 'api-token');
    const body = (await (await get('http://127.0.0.1:8080/v1/indicators', { headers: { authorization: `Bearer ${token}` } })).json()) as unknown;
    const text = JSON.stringify(body);
    if (!text.includes('sma')) throw new Error(`unexpected listing ${text.slice(0, 200)}`);
  });

  await check('Prometheus scrapes every target', () =>
    eventually(60, async () => {
      const res = await get('http://127.0.0.1:9090/api/v1/targets?state=active');
      const body = (await res.json()) as { data: { activeTargets: Array<{ labels: { job: string }; health: string; lastError: string }> } };
      const targets = body.data.activeTargets;
      const down = targets.filter((t) => t.health !== 'up');
      if (targets.length === 0 || down.length > 0) throw new Error(down.map((t) => `${t.labels.job}: ${t.health} ${t.lastError}`).join(', ') || 'no targets');
      return targets.map((t) => t.labels.job).sort().join(', ');
    }),
  );

  await check('Prometheus loaded the recording and alerting rules', async () => {
    const res = await get('http://127.0.0.1:9090/api/v1/rules');
    const body = (await res.json()) as { data: { groups: Array<{ rules: Array<{ type: string; health: string; name: string; lastError?: string }> }> } };
    const rules = body.data.groups.flatMap((g) => g.rules);
    const broken = rules.filter((r) => r.health === 'err');
    if (rules.length === 0) throw new Error('no rules');
    if (broken.length > 0) throw new Error(broken.map((r) => `${r.name}: ${r.lastError}`).join('; '));
    return `${rules.filter((r) => r.type === 'recording').length} recording, ${rules.filter((r) => r.type === 'alerting').length} alerting`;
  });

  await check('the load generator drives successful traffic that Prometheus sees', () =>
    eventually(90, async () => {
      const byClass = await promQuery('sum by (class) (label_replace(chitti_compute_requests_total, "class", "${1}xx", "status_code", "(.).."))');
      const counts = Object.fromEntries(byClass.map((r) => [r.metric.class ?? '?', Number(r.value[1])]));
      if (!((counts['2xx'] ?? 0) > 0)) throw new Error(`no 2xx answers counted yet (${JSON.stringify(counts)})`);
      return Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
    }),
  );

  await check('Alertmanager is ready and receives alerts from Prometheus', () =>
    eventually(150, async () => {
      await get('http://127.0.0.1:9093/-/ready');
      const alerts = (await (await get('http://127.0.0.1:9093/api/v2/alerts')).json()) as Array<{ labels: { alertname: string } }>;
      if (alerts.length === 0) throw new Error('no alerts in Alertmanager yet');
      return [...new Set(alerts.map((a) => a.labels.alertname))].join(', ');
    }),
  );

  // The Watchdog fires after `for: 1m` (alerts/monitoring.rules.yml): within 2.5 minutes of the start.
  await check('alert-sink receives notifications through Alertmanager', () =>
    eventually(150, async () => {
      await get('http://127.0.0.1:9095/health');
      const res = await get('http://127.0.0.1:9095/alerts', { headers: { accept: 'application/json' } });
      const body = (await res.json()) as { received: number; notifications: Array<{ payload: { receiver: string } }> };
      if (!(body.received > 0)) throw new Error('no notification received yet');
      return `${body.received} notifications, receivers ${[...new Set(body.notifications.map((n) => n.payload.receiver))].join(', ')}`;
    }),
  );

  await check('every page the up banner lists opens a working page (Prometheus\'s placeholder followed to its classic UI offline)', async () => {
    if (banner.length < 7) throw new Error(`the banner lists ${banner.length} URLs:\n${up.stderr}`);
    const secrets = { grafanaPassword: stackSecret('GRAFANA_ADMIN_PASSWORD', 'grafana-admin-password'), apiToken: stackSecret('CHITTI_API_TOKEN', 'api-token') };
    const opened = [];
    for (const { label, url } of banner) opened.push(`${label} ${new URL(url).port}${new URL(url).pathname} ${await openPage(url, secrets)}`);
    return opened.join(', ');
  });

  await check('the documented commands for a running stack succeed', async () => {
    const commands = commandsPlanned(root, 'smoke');
    if (commands.length < 5) throw new Error(`only ${commands.length} documented stack commands found`);
    // amtool for the documented `amtool --alertmanager.url=...` (fetched as npm test would: scripts/external-tools.ts).
    const env = { ...process.env, ...ensureTools({ log: (line) => console.log(`[smoke ${elapsed()}]      tools: ${line}`) }).env };
    const failed: string[] = [];
    for (const command of commands) {
      const r = spawnSync('bash', ['-c', command], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) failed.push(`\`${command}\` exited ${r.status ?? r.signal}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
    }
    if (failed.length) throw new Error(failed.join('; '));
    return `${commands.length} commands`;
  });

  await check('Prometheus dropped no notification (prometheus_notifications_dropped_total 0) and sent some', async () => {
    const text = await (await get('http://127.0.0.1:9090/metrics')).text();
    const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    const dropped = value('prometheus_notifications_dropped_total');
    const sent = value('prometheus_notifications_sent_total');
    if (dropped !== 0 || !(sent > 0)) throw new Error(`dropped ${dropped}, sent ${sent}`);
    return `sent ${sent}`;
  });

  if (!offline) {
    await check('Grafana is up with its password, provisioned dashboards and datasource', () =>
      eventually(60, async () => {
        const password = stackSecret('GRAFANA_ADMIN_PASSWORD', 'grafana-admin-password');
        const auth = password ? { Authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` } : undefined;
        const anonymous = await fetch('http://127.0.0.1:3000/api/search', { signal: AbortSignal.timeout(5000) });
        if (anonymous.ok) throw new Error('Grafana answers /api/search without credentials');
        if (!auth) return 'no GRAFANA_ADMIN_PASSWORD in the environment: dashboards not listed';
        const dashboards = (await (await get('http://127.0.0.1:3000/api/search?type=dash-db', { headers: auth })).json()) as Array<{ title: string }>;
        if (dashboards.length === 0) throw new Error('no dashboards provisioned');
        return dashboards.map((d) => d.title).join(', ');
      }),
    );
  }
}

try {
  await main();
} catch (error) {
  failures++;
  console.log(`[smoke ${elapsed()}] FAIL ${(error as Error).message}`);
} finally {
  if (failures > 0) {
    for (const svc of ['compute', 'loadgen', 'alert-sink', 'prometheus', 'alertmanager']) {
      console.log(`--- logs ${svc} (last 15 lines)\n${compose('logs', '--tail=15', '--no-color', svc).stdout}`);
    }
  }
  if (!args.has('--keep')) {
    const down = compose('down', '-v', '--remove-orphans');
    console.log(`[smoke ${elapsed()}] down -v: ${down.status === 0 ? 'done' : down.stderr}`);
  }
  console.log(`[smoke ${elapsed()}] ${failures === 0 ? 'all checks passed' : `${failures} check(s) failed`}`);
  process.exitCode = failures === 0 ? 0 : 1;
}
