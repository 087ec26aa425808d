// deploy/k8s/: every object validates against the Kubernetes (and Prometheus Operator) schemas, and
// the objects fit together (selectors, named ports, probes, drain timing, security, autoscaling).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { upstreamImages } from '../images.ts';
import { SAMPLE_LIMIT } from '../../monitoring/src/series-budget.ts';
import { type K8sObject, loadResources, parseObjects, readKustomization, validateObject } from './k8s-schemas.ts';

const base = new URL('../k8s/base/', import.meta.url);
const overlay = new URL('../k8s/overlays/kube-prometheus-stack/', import.meta.url);
const resources = loadResources(base);
const objects = resources.map((r) => r.object);

function one(kind: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind);
  assert.equal(found.length, 1, `exactly one ${kind}`);
  return found[0]!;
}

interface Probe { httpGet?: { path: string; port: string | number }; periodSeconds?: number; failureThreshold?: number }
interface Container {
  name: string;
  image: string;
  ports: Array<{ name: string; containerPort: number }>;
  env: Array<{ name: string; value?: string }>;
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  securityContext?: Record<string, unknown> & { capabilities?: { drop?: string[]; add?: string[] } };
}
interface PodSpec {
  containers: Container[];
  securityContext?: Record<string, unknown> & { seccompProfile?: { type: string } };
  terminationGracePeriodSeconds?: number;
  automountServiceAccountToken?: boolean;
  volumes?: Array<{ name: string; hostPath?: unknown }>;
}
const deployment = one('Deployment') as K8sObject & { spec: { replicas?: number; selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } } };
const pod = deployment.spec.template.spec;
const container = pod.containers[0]!;
const service = one('Service') as K8sObject & { spec: { selector: Record<string, string>; ports: Array<{ name: string; port: number; targetPort: string | number }> } };
const env = (name: string) => container.env.find((e) => e.name === name)?.value;
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

describe('deploy/k8s/base', () => {
  it('lists every manifest file of the directory in its kustomization', () => {
    const files = readdirSync(base).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort();
    assert.deepEqual([...(readKustomization(base).resources ?? [])].sort(), files);
  });

  it('validates every object against the Kubernetes and Prometheus Operator schemas', () => {
    assert.ok(objects.length >= 9, `${objects.length} objects`);
    for (const { file, object } of resources) {
      assert.doesNotThrow(() => validateObject(object), (e: Error) => `${file} ${object.kind}/${object.metadata.name}: ${e.message}`);
    }
  });

  it('has a validator that rejects what the API server would reject', () => {
    const broken = structuredClone(deployment) as typeof deployment;
    (broken.spec.template.spec.containers[0]!.ports[0] as { containerPort: unknown }).containerPort = 'http';
    assert.throws(() => validateObject(broken), /containerPort must be integer/);
    const noExpr = parseObjects('apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: x}\nspec: {groups: [{name: g, rules: [{alert: A}]}]}\n', 'inline')[0]!;
    assert.throws(() => validateObject(noExpr), /expr/);
    assert.throws(() => validateObject({ apiVersion: 'example.com/v1', kind: 'Unknown', metadata: { name: 'x' } }), /no schema/);
  });

  it('runs the image deploy/images.env names, with the API and admin ports', () => {
    assert.equal(container.image, upstreamImages().compute);
    assert.deepEqual(container.ports.map((p) => [p.name, p.containerPort]), [['http', 8080], ['admin', 9464]]);
    assert.equal(env('PORT'), '8080');
    assert.equal(env('METRICS_PORT'), '9464');
  });

  it('probes liveness on /health and readiness on /ready of the admin port', () => {
    for (const probe of [container.livenessProbe, container.startupProbe]) assert.deepEqual(probe?.httpGet, { path: '/health', port: 'admin' });
    assert.deepEqual(container.readinessProbe?.httpGet, { path: '/ready', port: 'admin' });
  });

  it('drains on termination within the grace period: preStop, then SIGTERM and SHUTDOWN_TIMEOUT_MS', () => {
    const command = container.lifecycle?.preStop?.exec?.command ?? [];
    assert.equal(command[0], 'sleep');
    const preStop = Number(command[1]);
    assert.ok(preStop >= 3, 'long enough for the endpoint removal to propagate');
    const shutdown = Number(env('SHUTDOWN_TIMEOUT_MS')) / 1000 + Number(env('DRAIN_DELAY_MS') ?? 0) / 1000;
    assert.ok(Number.isFinite(shutdown) && shutdown > 0);
    assert.ok((pod.terminationGracePeriodSeconds ?? 30) > preStop + shutdown, 'SIGKILL only after the service had its shutdown timeout');
  });

  it('requests CPU and memory and limits memory', () => {
    assert.ok(container.resources.requests?.cpu);
    assert.ok(container.resources.requests?.memory);
    assert.ok(container.resources.limits?.memory);
  });

  it('passes the Pod Security Standard "restricted": non-root, read-only, no privilege escalation', () => {
    assert.equal(pod.securityContext?.runAsNonRoot, true);
    assert.ok(Number(pod.securityContext?.runAsUser) > 0);
    assert.equal(pod.securityContext?.seccompProfile?.type, 'RuntimeDefault');
    assert.equal(container.securityContext?.allowPrivilegeEscalation, false);
    assert.equal(container.securityContext?.readOnlyRootFilesystem, true);
    assert.deepEqual(container.securityContext?.capabilities?.drop, ['ALL']);
    assert.equal(container.securityContext?.capabilities?.add, undefined);
    assert.equal(container.securityContext?.privileged, undefined);
    assert.ok(!(pod.volumes ?? []).some((v) => v.hostPath), 'no hostPath volumes');
    assert.equal(pod.automountServiceAccountToken, false);
  });

  it('leaves the replica count to the autoscaler, which targets this Deployment', () => {
    assert.equal(deployment.spec.replicas, undefined);
    const hpa = one('HorizontalPodAutoscaler') as K8sObject & { spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number; maxReplicas: number } };
    assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    assert.ok(hpa.spec.minReplicas >= 2, 'two replicas at least, so the disruption budget can let one go');
    assert.ok(hpa.spec.maxReplicas > hpa.spec.minReplicas);
  });

  it('selects the Deployment\'s pods from the Service, the disruption budget and the ServiceMonitor', () => {
    const podLabels = deployment.spec.template.metadata.labels;
    assert.ok(matches(deployment.spec.selector.matchLabels, podLabels));
    assert.ok(matches(service.spec.selector, podLabels));
    const pdb = one('PodDisruptionBudget') as K8sObject & { spec: { selector: { matchLabels: Record<string, string> }; maxUnavailable?: number } };
    assert.ok(matches(pdb.spec.selector.matchLabels, podLabels));
    assert.equal(pdb.spec.maxUnavailable, 1);
    const monitor = one('ServiceMonitor') as K8sObject & { spec: { sampleLimit?: number; selector: { matchLabels: Record<string, string> }; endpoints: Array<{ port: string; path: string }> } };
    assert.ok(matches(monitor.spec.selector.matchLabels, service.metadata.labels ?? {}));
    assert.equal(monitor.spec.sampleLimit, SAMPLE_LIMIT, 'a sample limit guards the TSDB against a cardinality explosion (monitoring/src/series-budget.ts)');
    for (const endpoint of monitor.spec.endpoints) {
      const port = service.spec.ports.find((p) => p.name === endpoint.port);
      assert.ok(port, `ServiceMonitor port ${endpoint.port} is a Service port`);
      assert.equal(port.targetPort, 'admin');
      assert.equal(endpoint.path, '/metrics');
    }
  });

  it('names the Service chitti-compute: the job label the rules and dashboards select', () => {
    assert.equal(service.metadata.name, 'chitti-compute');
  });
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
describe('kubectl kustomize', { skip: kubectl ? false : 'kubectl is not installed (the schema tests above do not need it)' }, () => {
  const build = (dir: URL) => {
    const r = spawnSync('kubectl', ['kustomize', dir.pathname], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    return parseObjects(r.stdout, dir.pathname);
  };

  it('builds the base into the objects of its files, each valid', () => {
    const built = build(base);
    const names = (list: K8sObject[]) => list.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    assert.deepEqual(names(built), names(objects));
    for (const object of built) validateObject(object);
  });

  it('builds the kube-prometheus-stack overlay: namespace, pinned image, release label, all valid', () => {
    const built = build(overlay);
    for (const object of built) {
      validateObject(object);
      if (object.kind !== 'Namespace') assert.equal(object.metadata.namespace, 'chitti', `${object.kind}/${object.metadata.name}`);
      assert.equal(object.metadata.labels?.release, 'kube-prometheus-stack');
    }
    const dep = built.find((o) => o.kind === 'Deployment') as typeof deployment;
    assert.match(dep.spec.template.spec.containers[0]!.image, /^registry\.example\.com\/chitti\/compute:0\.1\.0$/);
    assert.deepEqual(dep.spec.selector.matchLabels, deployment.spec.selector.matchLabels, 'the release label stays out of selectors');
    const ns = built.find((o) => o.kind === 'Namespace');
    assert.equal(ns?.metadata.labels?.['pod-security.kubernetes.io/enforce'], 'restricted');
  });
});
