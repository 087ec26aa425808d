// Static checks of the compose files against the rules of the demo stack, plus `config` validation
// by whichever compose CLIs the machine has (v2 plugin, Debian's docker-compose 1.29).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
const load = (file: string) => parse(readFileSync(`${root}/${file}`, 'utf8')) as Compose;

interface Service {
  image?: string;
  build?: { args?: Record<string, string> };
  ports?: unknown[];
  healthcheck?: Record<string, unknown>;
  depends_on?: Record<string, { condition: string }> | string[];
  environment?: Record<string, string>;
  volumes?: string[];
  user?: string;
  profiles?: string[];
}
interface Compose {
  name?: string;
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const base = load('docker-compose.yml');
const offline = load('deploy/offline/docker-compose.offline.yml');
const expected = ['compute', 'balancer', 'loadgen', 'alert-sink', 'prometheus', 'alertmanager', 'grafana'];

describe('docker-compose.yml', () => {
  it('runs the whole stack', () => {
    assert.deepEqual(Object.keys(base.services).sort(), [...expected].sort());
  });

  it('stays within what docker-compose 1.29 understands', () => {
    assert.equal(base.name, undefined, 'no top-level name');
    for (const [id, svc] of Object.entries(base.services)) {
      for (const port of svc.ports ?? []) assert.equal(typeof port, 'string', `${id}: short-form ports only`);
      assert.ok(!svc.healthcheck || !('start_interval' in svc.healthcheck), `${id}: no start_interval`);
    }
  });

  it('binds every published port to 127.0.0.1', () => {
    for (const [id, svc] of Object.entries(base.services)) {
      for (const port of svc.ports ?? []) assert.match(String(port), /^127\.0\.0\.1:\d+:\d+$/, `${id}: ${String(port)}`);
    }
  });

  it('health-checks every long-running server and orders start-up on health', () => {
    for (const id of expected.filter((s) => s !== 'loadgen')) {
      assert.ok(base.services[id]?.healthcheck, `${id} has a healthcheck`);
    }
    for (const [id, svc] of Object.entries(base.services)) {
      const deps = svc.depends_on ?? {};
      assert.ok(!Array.isArray(deps), `${id}: depends_on with conditions`);
      for (const [dep, { condition }] of Object.entries(deps)) {
        assert.equal(condition, 'service_healthy', `${id} -> ${dep}`);
        assert.ok(base.services[dep]?.healthcheck, `${id} waits on ${dep}, which has no healthcheck`);
      }
    }
  });

  it('keeps state in named volumes (Grafana\'s in an anonymous one) and mounts configuration read-only', () => {
    const named = new Set(Object.keys(base.volumes ?? {}));
    for (const [id, svc] of Object.entries(base.services)) {
      for (const volume of svc.volumes ?? []) {
        const [source, , mode] = volume.split(':');
        if (source!.startsWith('.')) assert.equal(mode, 'ro', `${id}: ${volume} should be read-only`);
        else if (id === 'grafana' && volume === '/var/lib/grafana') continue;
        else assert.ok(named.has(source!), `${id}: ${source} is not a declared named volume`);
      }
    }
    // A named volume for Grafana would be created by the offline stack too, which never runs it.
    assert.deepEqual(Object.keys(base.volumes ?? {}).sort(), ['alertmanager-data', 'prometheus-data']);
  });

  it('never runs Grafana with a default admin password', () => {
    const env = base.services.grafana?.environment ?? {};
    assert.match(env.GF_SECURITY_ADMIN_PASSWORD ?? '', /^\$\{GRAFANA_ADMIN_PASSWORD:\?.+\}$/);
  });

  it('gives compute and the load generator the same required API token', () => {
    const required = /^\$\{CHITTI_API_TOKEN:\?.+\}$/;
    assert.match(base.services.compute?.environment?.API_TOKENS ?? '', required);
    assert.match(base.services.loadgen?.environment?.API_TOKEN ?? '', required);
  });

  it('runs the third-party images as non-root users', () => {
    for (const id of ['balancer', 'prometheus', 'alertmanager', 'grafana']) {
      const user = base.services[id]?.user ?? '';
      assert.match(user, /^[1-9]\d*(:\d+)?$/, `${id} runs as ${user || 'the image default'}`);
    }
  });
});

describe('deploy/offline/docker-compose.offline.yml', () => {
  it('replaces every image but Grafana and rebuilds the project images on the offline Node', () => {
    for (const id of expected.filter((s) => s !== 'grafana')) {
      assert.match(offline.services[id]?.image ?? '', /^\$\{CHITTI_OFFLINE_/, `${id} image`);
    }
    for (const id of ['compute', 'loadgen', 'alert-sink']) {
      assert.match(offline.services[id]?.build?.args?.NODE_IMAGE ?? '', /^\$\{CHITTI_OFFLINE_NODE_IMAGE/);
    }
  });

  it('parks Grafana in a profile the offline invocation does not enable', () => {
    assert.deepEqual(Object.keys(offline.services.grafana ?? {}), ['profiles']);
    assert.equal(offline.services.grafana?.profiles?.length, 1);
  });
});

// The override must keep Grafana out in both compose generations (v1.29 merges `profiles` from an
// override too; that `up` then skips it is checked by deploy/smoke.sh on a running stack).
const clis: Array<{ name: string; cmd: string[] }> = [
  { name: 'docker compose (v2)', cmd: ['docker', 'compose'] },
  { name: 'docker-compose (v1)', cmd: ['docker-compose'] },
];
for (const { name, cmd } of clis) {
  const present = spawnSync(cmd[0]!, [...cmd.slice(1), 'version'], { encoding: 'utf8' }).status === 0;
  describe(`compose config with ${name}`, { skip: present ? false : `${name} is not installed` }, () => {
    const run = (files: string[], args: string[]) =>
      spawnSync(cmd[0]!, [...cmd.slice(1), '--project-directory', root, '--env-file', `${root}/deploy/images.env`,
        ...files.flatMap((f) => ['-f', `${root}/${f}`]), 'config', ...args], {
        encoding: 'utf8',
        env: { ...process.env, GRAFANA_ADMIN_PASSWORD: 'test-only', CHITTI_API_TOKEN: 'test-only-token-0123456789' },
      });

    it('validates the online stack with all seven services', () => {
      const r = run(['docker-compose.yml'], ['--services']);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.stdout.trim().split('\n').sort(), [...expected].sort());
    });

    it('validates the offline stack and leaves Grafana out', () => {
      const r = run(['docker-compose.yml', 'deploy/offline/docker-compose.offline.yml'], []);
      assert.equal(r.status, 0, r.stderr);
      const config = parse(r.stdout) as Compose;
      // v2 drops services of inactive profiles from `config`; v1.29 keeps them, with the profile.
      const grafana = config.services.grafana;
      if (grafana) assert.deepEqual(grafana.profiles, offline.services.grafana?.profiles);
      assert.match(config.services.compute?.image ?? '', /:offline$/);
      // Nothing of Grafana's is created offline: no volume.
      assert.deepEqual(Object.keys(config.volumes ?? {}).filter((v) => v.includes('grafana')), []);
    });

    it('refuses to start without a Grafana admin password', () => {
      const r = spawnSync(cmd[0]!, [...cmd.slice(1), '--project-directory', root, '--env-file', `${root}/deploy/images.env`,
        '-f', `${root}/docker-compose.yml`, 'config', '-q'], {
        encoding: 'utf8',
        env: { ...process.env, GRAFANA_ADMIN_PASSWORD: '', CHITTI_API_TOKEN: 'test-only-token-0123456789' },
      });
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /GRAFANA_ADMIN_PASSWORD/);
    });
  });
}
