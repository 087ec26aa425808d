// The monitoring stack of tests 1-4, started with testcontainers on one network under the host
// names the repository's configuration expects (compute, prometheus, alertmanager, alert-sink).
// Every container and the network register their removal on the cleanup stack as soon as they exist.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { GenericContainer, Network, Wait, type StartedNetwork, type StartedTestContainer } from 'testcontainers';
import type { StackImages } from '../../../deploy/images.ts';
import type { CleanupStack } from './cleanup.ts';
import { docker } from './docker-cli.ts';
import { repoRoot } from './paths.ts';

export const RUN_LABEL = 'org.chitti.integration.run';

/** What a run created, to prove at the end that nothing is left behind. */
export interface Leftovers {
  /** Label value put on every container the suite starts itself (key RUN_LABEL). */
  runId: string;
  containers: string[];
  networks: string[];
  volumes: string[];
  composeProjects: string[];
}

export interface MonitoringStack {
  network: StartedNetwork;
  compute: StartedTestContainer;
  prometheus: StartedTestContainer;
  alertmanager: StartedTestContainer;
  alertSink: StartedTestContainer;
  apiUrl: string;
  adminUrl: string;
  prometheusUrl: string;
  alertmanagerUrl: string;
  sinkUrl: string;
  token: string;
  /** Stops and removes compute (the service-down test); its cleanup entry then does nothing. */
  stopCompute(): Promise<void>;
}

/** A bearer token for the API: 32 characters of the RFC 6750 alphabet. */
export const newToken = (): string => randomBytes(24).toString('base64url');

async function start(name: string, builder: GenericContainer, cleanup: CleanupStack, track: Leftovers): Promise<{ container: StartedTestContainer; stop: () => Promise<void> }> {
  const container = await builder.withLabels({ [RUN_LABEL]: track.runId }).start();
  track.containers.push(container.getId());
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await container.stop({ timeout: 2_000, remove: true, removeVolumes: true });
  };
  cleanup.push(`remove container ${name}`, stop);
  return { container, stop };
}

/** Anonymous volumes a container mounts (image VOLUMEs): they must go with the container. */
async function anonymousVolumes(container: StartedTestContainer): Promise<string[]> {
  const r = docker(['inspect', '-f', '{{range .Mounts}}{{if eq .Type "volume"}}{{.Name}} {{end}}{{end}}', container.getId()]);
  return r.stdout.trim().split(/\s+/).filter(Boolean);
}

export async function startMonitoringStack(images: StackImages, cleanup: CleanupStack, track: Leftovers): Promise<MonitoringStack> {
  const token = newToken();
  const network = await new Network().start();
  track.networks.push(network.getId());
  cleanup.push('remove network', () => network.stop());

  const sink = start('alert-sink', new GenericContainer(images.alertSink)
    .withNetwork(network).withNetworkAliases('alert-sink')
    .withEnvironment({ PORT: '9095', RUNBOOKS_FILE: '/etc/chitti/alerts/runbooks.md', DASHBOARDS_DIR: '/etc/chitti/dashboards' })
    .withCopyFilesToContainer([{ source: join(repoRoot, 'alerts/runbooks.md'), target: '/etc/chitti/alerts/runbooks.md' }])
    .withCopyDirectoriesToContainer([{ source: join(repoRoot, 'grafana/dashboards'), target: '/etc/chitti/dashboards' }])
    .withExposedPorts(9095)
    .withWaitStrategy(Wait.forHttp('/health', 9095))
    .withStartupTimeout(60_000), cleanup, track);

  const compute = start('compute', new GenericContainer(images.compute)
    .withNetwork(network).withNetworkAliases('compute')
    .withEnvironment({ PORT: '8080', METRICS_PORT: '9464', API_TOKENS: token, LOG_LEVEL: 'warn' })
    .withExposedPorts(8080, 9464)
    .withWaitStrategy(Wait.forHttp('/ready', 9464))
    .withStartupTimeout(90_000), cleanup, track);

  const alertmanager = start('alertmanager', new GenericContainer(images.alertmanager)
    .withNetwork(network).withNetworkAliases('alertmanager')
    .withCopyDirectoriesToContainer([{ source: join(repoRoot, 'alertmanager'), target: '/etc/chitti/alertmanager' }])
    .withCommand(['--config.file=/etc/chitti/alertmanager/alertmanager.yml', '--storage.path=/alertmanager', '--cluster.listen-address='])
    .withExposedPorts(9093)
    .withWaitStrategy(Wait.forHttp('/-/ready', 9093))
    .withStartupTimeout(60_000), cleanup, track);

  const prometheus = start('prometheus', new GenericContainer(images.prometheus)
    .withNetwork(network).withNetworkAliases('prometheus')
    .withCopyDirectoriesToContainer([
      { source: join(repoRoot, 'prometheus'), target: '/etc/chitti/prometheus' },
      { source: join(repoRoot, 'alerts'), target: '/etc/chitti/alerts' },
    ])
    .withCopyFilesToContainer([{ source: join(repoRoot, 'test/integration/fixtures/prometheus.yml'), target: '/etc/chitti/test/prometheus.yml' }])
    .withCommand(['--config.file=/etc/chitti/test/prometheus.yml', '--storage.tsdb.path=/prometheus', '--enable-feature=exemplar-storage', '--web.enable-lifecycle'])
    .withExposedPorts(9090)
    .withWaitStrategy(Wait.forHttp('/-/ready', 9090))
    .withStartupTimeout(60_000), cleanup, track);

  // Start in parallel; if one fails the others are already on the cleanup stack.
  const settled = await Promise.allSettled([sink, compute, alertmanager, prometheus]);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const [s, c, a, p] = settled.map((x) => (x as PromiseFulfilledResult<{ container: StartedTestContainer; stop: () => Promise<void> }>).value);
  for (const x of [s!, c!, a!, p!]) track.volumes.push(...(await anonymousVolumes(x.container)));
  const url = (container: StartedTestContainer, port: number) => `http://${container.getHost()}:${container.getMappedPort(port)}`;
  return {
    network,
    compute: c!.container,
    prometheus: p!.container,
    alertmanager: a!.container,
    alertSink: s!.container,
    apiUrl: url(c!.container, 8080),
    adminUrl: url(c!.container, 9464),
    prometheusUrl: url(p!.container, 9090),
    alertmanagerUrl: url(a!.container, 9093),
    sinkUrl: url(s!.container, 9095),
    token,
    stopCompute: c!.stop,
  };
}
