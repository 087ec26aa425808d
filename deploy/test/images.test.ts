import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { offlineImages, parseEnvFile, readImagesEnv, upstreamImages } from '../images.ts';

const repo = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, repo), 'utf8');

describe('deploy/images.env', () => {
  it('parses KEY=value lines and rejects anything compose and sh would read differently', () => {
    assert.deepEqual([...parseEnvFile('# c\n\nA_B=x/y:1\n')], [['A_B', 'x/y:1']]);
    assert.throws(() => parseEnvFile('A="x"\nB=two words'), /line 2/);
    assert.throws(() => parseEnvFile('export A=x'), /line 1/);
  });

  it('names every image of both flavours, offline ones distinct from upstream ones', () => {
    const up = upstreamImages();
    const off = offlineImages();
    for (const [key, value] of [...Object.entries(up), ...Object.entries(off)]) {
      if (key === 'grafana' && value === null) continue;
      assert.match(String(value), /^[a-z0-9./_-]+:[\w.-]+$/, `${key} should be name:tag`);
    }
    assert.equal(off.grafana, null);
    for (const key of ['node', 'prometheus', 'alertmanager', 'haproxy', 'compute', 'alertSink', 'loadgen'] as const) {
      assert.notEqual(up[key], off[key], `${key}: the offline image must not shadow the upstream tag`);
    }
  });

  it('pins the same Node major everywhere: upstream image, offline image and the Dockerfile defaults', () => {
    const { node } = upstreamImages();
    assert.match(node, /^node:24[.-]/);
    for (const svc of ['compute', 'alert-sink', 'loadgen']) {
      const dockerfile = read(`services/${svc}/Dockerfile`);
      const arg = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile);
      assert.equal(arg?.[1], node, `services/${svc}/Dockerfile ARG NODE_IMAGE default must equal CHITTI_NODE_IMAGE`);
    }
  });

  it('is the only place image names are written in the compose files', () => {
    const vars = readImagesEnv();
    for (const file of ['docker-compose.yml', 'deploy/offline/docker-compose.offline.yml']) {
      const text = read(file);
      for (const m of text.matchAll(/^\s*image:\s*(.+?)\s*$/gm)) {
        const ref = /^\$\{(CHITTI_[A-Z0-9_]+)(?::\?[^}]*)?\}$/.exec(m[1]!);
        assert.ok(ref, `${file}: image ${m[1]} must be a \${CHITTI_...} variable of deploy/images.env`);
        assert.ok(vars.has(ref[1]!), `${file}: ${ref[1]} is not defined in deploy/images.env`);
      }
    }
  });

  it('gives the offline build-images script the same names (it sources the file)', () => {
    const script = read('deploy/offline/build-images.sh');
    assert.match(script, /\. "\$root\/deploy\/images\.env"/);
    for (const name of Object.values(offlineImages())) {
      if (name !== null) assert.ok(!script.includes(name), `build-images.sh hardcodes ${name}`);
    }
  });
});
