// What `docker compose up --scale compute=N` relies on, checked statically: Prometheus discovers the
// replicas by DNS, no host port or volume is claimed by one replica only, the balancer keeps the demo's
// addresses (127.0.0.1:8080 and 9464) for all replicas and finds them by DNS too.
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

  it('publishes no compute port on the host: the balancer publishes the demo addresses for every replica', () => {
    assert.equal(compute.ports, undefined, 'a fixed host port lets only one replica start');
    const balancer = compose.services.balancer!;
    assert.deepEqual(balancer.ports, ['127.0.0.1:8080:8080', '127.0.0.1:9464:9464', '127.0.0.1:8404:8404']);
    assert.match(compose.services.loadgen?.environment?.TARGET ?? '', /^http:\/\/balancer:8080$/);
    // Every replica by the service name, through Docker's DNS: a server template, no fixed server.
    const cfg = readFileSync(new URL('deploy/haproxy/haproxy.cfg', root), 'utf8');
    assert.match(cfg, /^\s*nameserver \S+ 127\.0\.0\.11:53$/m);
    assert.match(cfg, /^\s*server-template compute \d+ compute:8080$/m);
    assert.match(cfg, /^\s*server-template compute \d+ compute:9464$/m);
    assert.doesNotMatch(cfg, /^\s*server /m, 'a fixed server would pin one replica');
  });

  it('lets Prometheus scrape the balancer\'s own metrics, job chitti-balancer', () => {
    const jobs = prometheus.scrape_configs.filter((c) => c.job_name === 'chitti-balancer');
    assert.deepEqual(jobs.map((j) => j.static_configs), [[{ targets: ['balancer:8404'] }]]);
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
