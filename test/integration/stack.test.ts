// Integration suite: the real compute image, Prometheus, Alertmanager and the alert sink in containers
// (testcontainers), then the compose stack. One file, so the suite never runs concurrently with itself.
// Without a Docker engine it prints one line and is skipped, unless CHITTI_REQUIRE_INTEGRATION=1
// (CI) turns that into a failure.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CleanupStack } from './harness/cleanup.ts';
import { engineUnavailableReason, integrationRequired, REQUIRE_VARIABLE } from './harness/engine.ts';

const unavailable = engineUnavailableReason();
const required = integrationRequired();
if (unavailable) {
  console.log(`[integration] NOT RUN: ${unavailable}.${required ? ` ${REQUIRE_VARIABLE} is set: failing.` : ` Start Docker (deploy/ensure-docker.sh) to run it; ${REQUIRE_VARIABLE}=1 makes this a failure.`}`);
}

const elapsedFrom = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
const suiteStart = Date.now();
const log = (line: string) => console.log(`[integration ${elapsedFrom(suiteStart).padStart(5)}] ${line}`);

if (unavailable && required) {
  it('finds a Docker engine for the integration suite', () => {
    assert.fail(`integration suite not run: ${unavailable} (${REQUIRE_VARIABLE} is set)`);
  });
} else {
  describe('integration: containers against real Prometheus and Alertmanager', { skip: unavailable ?? false }, async () => {
    // Imported here: these modules configure testcontainers and talk to Docker.
    const { resolveImages, buildProjectImages } = await import('./harness/images.ts');
    const { RUN_LABEL } = await import('./harness/stack.ts');
    const { monitoringSuite } = await import('./monitoring.suite.ts');
    const { composeSuite } = await import('./compose.suite.ts');
    const { dockerLines, docker } = await import('./harness/docker-cli.ts');

    const runId = randomBytes(4).toString('hex');
    const track = { runId, containers: [] as string[], networks: [] as string[], volumes: [] as string[], composeProjects: [] as string[] };
    const cleanup = new CleanupStack();
    // Last resort of each phase: anything carrying this run's label (a container created, never started).
    const sweep = () => cleanup.push('sweep containers of this run', async () => {
      const ids = dockerLines(['ps', '-aq', '--filter', `label=${RUN_LABEL}=${runId}`]);
      if (ids.length > 0) docker(['rm', '-f', '-v', ...ids]);
    });
    const onSignal = (signal: NodeJS.Signals) => {
      void cleanup.run().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);

    // Images once for both phases: upstream where a registry answers, else the offline ones; the
    // project images are built from the working tree.
    let resolved: ReturnType<typeof resolveImages> | undefined;
    const images = () => {
      if (!resolved) {
        const t0 = Date.now();
        resolved = resolveImages();
        log(`images: ${resolved.flavour} (${resolved.why})`);
        buildProjectImages(resolved.images, log);
        log(`images ready in ${elapsedFrom(t0)}`);
      }
      return resolved;
    };
    const phase = { cleanup, track, log, images, sweep };
    monitoringSuite(phase);
    composeSuite(phase);

    after(async () => {
      const failures = await cleanup.run();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (failures.length) log(`cleanup had ${failures.length} error(s)`);
    });

    it('leaves no container, network or volume behind', async () => {
      await cleanup.run();
      const exists = (kind: 'container' | 'network' | 'volume', id: string) => docker([kind, 'inspect', id]).ok;
      const left = [
        ...track.containers.filter((id) => exists('container', id)).map((id) => `container ${id.slice(0, 12)}`),
        ...track.networks.filter((id) => exists('network', id)).map((id) => `network ${id.slice(0, 12)}`),
        ...track.volumes.filter((id) => exists('volume', id)).map((id) => `volume ${id.slice(0, 12)}`),
        ...dockerLines(['ps', '-aq', '--filter', `label=${RUN_LABEL}=${runId}`]).map((id) => `labelled container ${id}`),
        ...track.composeProjects.flatMap((p) => [
          ...dockerLines(['ps', '-aq', '--filter', `label=com.docker.compose.project=${p}`]).map((id) => `compose container ${id}`),
          ...dockerLines(['network', 'ls', '-q', '--filter', `label=com.docker.compose.project=${p}`]).map((id) => `compose network ${id}`),
          ...dockerLines(['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${p}`]).map((id) => `compose volume ${id}`),
        ]),
      ];
      assert.deepEqual(left, [], 'resources left behind');
      assert.ok(track.containers.length >= 4 && track.networks.length >= 1, `tracked ${track.containers.length} containers, ${track.networks.length} networks`);
      log(`nothing left behind: ${track.containers.length} containers, ${track.networks.length} network(s), ${track.volumes.length} anonymous volume(s), compose project ${track.composeProjects.join(', ')}`);
    });
  });
}
