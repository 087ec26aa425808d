// Test 5: the stack of docker-compose.yml (plus the offline override where no registry answers),
// brought up by testcontainers' DockerComposeEnvironment, healthy, with demo traffic in Prometheus.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { StartedDockerComposeEnvironment } from 'testcontainers';
import { openPage } from '../../deploy/stack-pages.ts';
import { BALANCER_ROW } from '../../grafana/src/dashboards/balancer-row.ts';
import { expandVariables, panelQueries } from '../../grafana/src/index.ts';
import { composeDown, composeEnvironment, composeSetup, serviceContainer, type ComposeSetup } from './harness/compose.ts';
import { docker } from './harness/docker-cli.ts';
import { eventually } from './harness/http.ts';
import type { Phase } from './harness/phase.ts';
import { PrometheusApi } from './harness/prometheus.ts';
import { repoRoot } from './harness/paths.ts';
import { newToken } from './harness/stack.ts';

const TRAFFIC_BOUND_S = 60;

export function composeSuite(phase: Phase): void {
  describe('5. the compose stack (docker-compose.yml)', () => {
    let setup: ComposeSetup;
    let env: StartedDockerComposeEnvironment;
    let services: string[];
    let upAt = 0;

    before(async () => {
      phase.sweep();
      const { flavour } = phase.images();
      setup = composeSetup(flavour, `chittiit${phase.track.runId}`, newToken());
      services = ['compute', 'balancer', 'loadgen', 'alert-sink', 'alertmanager', 'prometheus', ...(flavour === 'upstream' ? ['grafana'] : [])];
      phase.track.composeProjects.push(setup.projectName);
      phase.cleanup.push(`remove ${dirname(setup.files[0]!)}`, async () => rmSync(dirname(setup.files[0]!), { recursive: true, force: true }));
      phase.cleanup.push(`compose down -v (${setup.projectName})`, async () => composeDown(setup));
      const t0 = Date.now();
      env = await composeEnvironment(setup).up();
      upAt = Date.now();
      phase.log(`compose stack ${setup.projectName} up and healthy in ${((upAt - t0) / 1000).toFixed(0)} s (${setup.standalone ? 'docker-compose 1.29' : 'docker compose v2'}, ${flavour === 'offline' ? 'with the offline override' : 'upstream images'})`);
    });

    after(() => phase.cleanup.run());

    it('brings every service up, healthy where it has a healthcheck', () => {
      const states = services.map((service) => {
        const id = serviceContainer(env, setup, service).getId();
        const state = docker(['inspect', '-f', '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}-{{end}}', id]).stdout.trim();
        return `${service}: ${state}`;
      });
      const expected = services.map((service) => `${service}: running ${service === 'loadgen' ? '-' : 'healthy'}`);
      assert.deepEqual(states, expected);
    });

    it('opens every page the banner of deploy/compose.sh lists for this flavour (through this stack\'s mapped ports)', async () => {
      // The banner's URLs, read from the script itself: the online variant names Grafana, the offline one the sink's dashboards.
      const script = readFileSync(join(repoRoot, 'deploy/compose.sh'), 'utf8');
      const body = script.slice(script.indexOf('banner() {'), script.indexOf('\n}\n', script.indexOf('banner() {')));
      const [offlineBranch = '', rest = ''] = body.slice(body.indexOf('if [[ $offline == 1 ]]')).split('\n  else\n');
      const [onlineBranch = '', common = ''] = rest.split('\n  fi\n');
      const text = `${setup.files.length > 1 ? offlineBranch : onlineBranch}\n${common}`;
      const urls = [...new Set([...text.matchAll(/http:\/\/127\.0\.0\.1:\d+[^\s"'),;]*/g)].map((m) => m[0]))];
      assert.ok(urls.length >= 9, urls.join(', '));
      const byPort: Record<string, string> = { '9090': 'prometheus', '9093': 'alertmanager', '9095': 'alert-sink', '3000': 'grafana', '8080': 'balancer', '9464': 'balancer', '8404': 'balancer' };
      const rewrite = (url: string) => {
        const u = new URL(url);
        const container = serviceContainer(env, setup, byPort[u.port]!);
        return `http://${container.getHost()}:${container.getMappedPort(Number(u.port))}${u.pathname}${u.search}`;
      };
      const opened: string[] = [];
      for (const url of urls) {
        opened.push(`${new URL(url).port}${new URL(url).pathname} ${await openPage(url, { rewrite, grafanaPassword: setup.env.GRAFANA_ADMIN_PASSWORD, apiToken: setup.env.CHITTI_API_TOKEN })}`);
      }
      phase.log(`banner pages: ${opened.join(', ')}`);
    });

    it(`shows the load generator's traffic in Prometheus within ${TRAFFIC_BOUND_S} s`, async () => {
      const prometheus = serviceContainer(env, setup, 'prometheus');
      const prom = new PrometheusApi(`http://${prometheus.getHost()}:${prometheus.getMappedPort(9090)}`);
      const remaining = Math.max(1, TRAFFIC_BOUND_S - (Date.now() - upAt) / 1000);
      const ok = await eventually(remaining, async () => {
        const r = await prom.query('sum(chitti_compute_requests_total{job="chitti-compute", status_code=~"2.."})');
        const count = Number(r.result[0]?.value[1] ?? 0);
        if (!(count > 0)) {
          const all = await prom.query('sum by (status_code) (chitti_compute_requests_total{job="chitti-compute"})');
          throw new Error(`no 2xx requests in Prometheus yet (by status: ${JSON.stringify(all.result.map((x) => [x.metric.status_code, x.value[1]]))})`);
        }
        return count;
      }, 2000);
      phase.log(`demo traffic in Prometheus ${((Date.now() - upAt) / 1000).toFixed(0)} s after the stack was healthy (${ok} successful requests counted)`);
    });

    it('has the balancer\'s own metrics in Prometheus: the replica up, the load generator\'s requests through it', async () => {
      const prometheus = serviceContainer(env, setup, 'prometheus');
      const prom = new PrometheusApi(`http://${prometheus.getHost()}:${prometheus.getMappedPort(9090)}`);
      const remaining = Math.max(1, TRAFFIC_BOUND_S - (Date.now() - upAt) / 1000);
      const served = await eventually(remaining, async () => {
        const up = await prom.query('haproxy_backend_active_servers{job="chitti-balancer", proxy="compute"}');
        if (up.result[0]?.value[1] !== '1') throw new Error(`replicas up at the balancer: ${JSON.stringify(up.result)}`);
        const r = await prom.query('sum(haproxy_server_http_responses_total{job="chitti-balancer", proxy="compute", code="2xx"})');
        const count = Number(r.result[0]?.value[1] ?? 0);
        if (!(count > 0)) throw new Error('no 2xx answered through the balancer in Prometheus yet');
        return count;
      }, 2000);
      phase.log(`balancer metrics in Prometheus: 1 replica up, ${served} 2xx answers through it`);
    });

    it('answers every query of the overview\'s balancer row with data', async () => {
      const prometheus = serviceContainer(env, setup, 'prometheus');
      const prom = new PrometheusApi(`http://${prometheus.getHost()}:${prometheus.getMappedPort(9090)}`);
      const queries = panelQueries().filter((q) => q.row === BALANCER_ROW);
      assert.ok(queries.length >= 5, `${queries.length} balancer queries`);
      // 15 s scrapes: a 1m rate window holds at least two samples once the stack has run a minute.
      const vars = { job: 'chitti-compute', instance: '.*', rateInterval: '1m', interval: '15s', range: '5m' };
      await eventually(90, async () => {
        const empty: string[] = [];
        for (const q of queries) {
          const expr = expandVariables(q.expr, vars);
          const values = (await prom.query(expr)).result.map((r) => r.value[1]);
          if (!values.some((v) => Number.isFinite(Number(v)))) empty.push(`${q.panel} / ${q.refId}: ${expr}`);
        }
        if (empty.length > 0) throw new Error(`balancer queries without data:\n  ${empty.join('\n  ')}`);
      }, 5000);
      phase.log(`${queries.length} balancer-row queries return data`);
    });
  });
}
