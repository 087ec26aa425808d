// What `docker compose up --scale compute=N` relies on, checked statically: Prometheus discovers the
// replicas by DNS, no host port or volume is claimed by one replica only, the demo keeps its ports.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const load = (file: string) => parse(readFileSync(new URL(file, root), 'utf8')) as Record<string, unknown>;

interface ScrapeConfig {
  job_name: string;
  static_configs?: unknown[];
  dns_sd_configs?: Array<{ names: string[]; type?: string; port?: number }>;
}
interface ComputeService {
  ports?: string[];
  volumes?: string[];
  tmpfs?: string[];
  container_name?: string;
  hostname?: string;
  environment?: Record<string, string>;
}

const prometheus = load('prometheus/prometheus.yml') as { scrape_configs: ScrapeConfig[] };
const compose = load('docker-compose.yml') as { services: Record<string, ComputeService> };
const compute = compose.services.compute!;

describe('scaling the compose stack', () => {
  it('Prometheus discovers every compute replica by DNS, job chitti-compute, admin port 9464', () => {
    const jobs = prometheus.scrape_configs.filter((c) => c.job_name === 'chitti-compute');
    assert.equal(jobs.length, 1);
    const job = jobs[0]!;
    assert.equal(job.static_configs, undefined, 'a static target would pin one replica');
    assert.deepEqual(job.dns_sd_configs, [{ names: ['compute'], type: 'A', port: 9464, refresh_interval: '15s' }]);
  });

  it('publishes compute on host port ranges that start at the demo ports 8080 and 9464', () => {
    const ranges = (compute.ports ?? []).map((p) => {
      const m = /^127\.0\.0\.1:(\d+)-(\d+):(\d+)$/.exec(p);
      assert.ok(m, `${p}: a fixed host port lets only one replica start`);
      return { from: Number(m[1]), to: Number(m[2]), container: Number(m[3]) };
    });
    assert.deepEqual(ranges.map((r) => r.container).sort(), [8080, 9464]);
    for (const r of ranges) {
      assert.equal(r.from, r.container, 'the first replica keeps the documented address');
      assert.ok(r.to - r.from + 1 >= 4, `room for a few replicas (${r.from}-${r.to})`);
    }
    const api = ranges.find((r) => r.container === 8080)!;
    const admin = ranges.find((r) => r.container === 9464)!;
    assert.equal(api.to - api.from, admin.to - admin.from, 'both ranges allow the same replica count');
  });

  it('gives each replica its own socket directory, no shared named volume, no fixed name', () => {
    assert.equal(compute.container_name, undefined);
    assert.equal(compute.hostname, undefined);
    for (const volume of compute.volumes ?? []) {
      assert.match(volume, /^\.\/.*:ro$/, `${volume}: a writable shared volume is claimed by one replica`);
    }
    const socket = compute.environment?.COMPUTE_SOCKET ?? '';
    if (socket !== '') {
      const dir = socket.slice(0, socket.lastIndexOf('/'));
      assert.ok((compute.tmpfs ?? []).some((t) => t.split(':')[0] === dir), `${dir} is a per-replica tmpfs`);
    }
  });
});
