// The suite's own parsers, without Docker: the metrics reference and the exposition summary.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CleanupStack } from './harness/cleanup.ts';
import { withEphemeralHostPorts } from './harness/compose.ts';
import { repoRoot } from './harness/paths.ts';
import { summarizeExposition } from './harness/exposition.ts';
import { loadMetricsReference, metadataNames, parseMetricsReference, sampleNames } from './harness/metrics-reference.ts';

describe('metrics reference parser', () => {
  it('reads the service families of services/compute/METRICS.md with types and labels', () => {
    const service = loadMetricsReference().filter((f) => f.section === 'service');
    const requests = service.find((f) => f.name === 'chitti_compute_requests_total');
    assert.deepEqual(requests, { name: 'chitti_compute_requests_total', type: 'counter', labels: ['route', 'method', 'status_code'], section: 'service' });
    assert.ok(service.length >= 8, service.map((f) => f.name).join(', '));
    assert.ok(service.every((f) => f.name.startsWith('chitti_compute_')));
  });

  it('reads the OpenTelemetry families of services/compute/METRICS.md', () => {
    const otel = loadMetricsReference().filter((f) => f.section === 'otel');
    assert.deepEqual(otel.map((f) => `${f.name}:${f.type}`).sort(), ['http_server_request_duration:histogram', 'target_info:gauge']);
    const duration = otel.find((f) => f.name === 'http_server_request_duration')!;
    for (const label of ['http_request_method', 'http_route', 'http_response_status_code', 'url_scheme', 'server_address', 'server_port']) assert.ok(duration.labels.includes(label), label);
  });

  it('reads grouped runtime rows and ignores other tables', () => {
    const md = [
      '## Service metrics', '| Name | Type | Labels | Meaning |', '|---|---|---|---|',
      '| `a_total` | counter | `x`, `y` | . |', '', '| `type` | HTTP status | URI |', '| `malformed` | 400 | `/p` |',
      '## OpenTelemetry metrics', '| `o` | histogram | `m`, `r` | . |',
      '## Runtime metrics', '| `p_one`, `p_two` | gauge | |', '| `h` | histogram | `kind` |', '## Other', '| `z` | gauge | |',
    ].join('\n');
    assert.deepEqual(parseMetricsReference(md).map((f) => `${f.section}:${f.name}:${f.type}:${f.labels.join('+')}`), [
      'service:a_total:counter:x+y', 'otel:o:histogram:m+r', 'runtime:p_one:gauge:', 'runtime:p_two:gauge:', 'runtime:h:histogram:kind',
    ]);
  });

  it('knows the sample and OpenMetrics metadata names of each type', () => {
    const f = (name: string, type: 'counter' | 'histogram' | 'gauge') => ({ name, type, labels: [], section: 'service' as const });
    assert.deepEqual(sampleNames(f('d', 'histogram')), ['d_bucket', 'd_sum', 'd_count']);
    assert.deepEqual(metadataNames(f('c_total', 'counter')), ['c_total', 'c']);
    assert.deepEqual(metadataNames(f('g', 'gauge')), ['g']);
  });
});

describe('exposition summary', () => {
  const render = (families: string[]) => families.map((n) => `# HELP ${n} h\n# TYPE ${n} gauge\n${n}{a="1"} 1\n${n}{a="2"} 2\n`).join('');
  const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,12}[a-z0-9]$/).filter((n) => !/_(bucket|sum|count|total|created|info)$/.test(n)), { minLength: 2, maxLength: 8 });

  it('finds no problem in any body with each family once and contiguous', () => {
    fc.assert(fc.property(names, (families) => {
      const s = summarizeExposition(render(families));
      return s.problems.length === 0 && s.families.join() === families.join() && s.samples === 2 * families.length;
    }));
  });

  it('reports a family declared twice, wherever the copy is', () => {
    fc.assert(fc.property(names, fc.nat(), (families, k) => {
      const copy = families[k % families.length]!;
      return summarizeExposition(render([...families, copy])).problems.some((p) => p.includes(copy));
    }));
  });

  it('reports samples of one family split into two runs, and groups histogram suffixes with their family', () => {
    const split = '# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x="1"} 2\n';
    assert.match(summarizeExposition(split).problems.join(), /a appear in two separate runs/);
    const histogram = '# TYPE d histogram\nd_bucket{le="1"} 1\nd_bucket{le="+Inf"} 1\nd_sum 0.5\nd_count 1\n# TYPE c counter\nc_total 3\n# EOF\n';
    assert.deepEqual(summarizeExposition(histogram).problems, []);
  });
});

describe('cleanup stack', () => {
  it('runs every step newest first, collects errors and empties itself', async () => {
    const reported: string[] = [];
    const stack = new CleanupStack((m) => reported.push(m));
    const order: number[] = [];
    stack.push('one', async () => order.push(1));
    stack.push('two', async () => { throw new Error('boom'); });
    stack.push('three', async () => order.push(3));
    const failures = await stack.run();
    assert.deepEqual(order, [3, 1]);
    assert.equal(failures.length, 1);
    assert.match(failures[0]!, /two.*boom/);
    assert.equal(stack.size, 0);
    assert.deepEqual(reported, failures);
  });
});

describe('compose file with ephemeral host ports', () => {
  it('changes only the host side of docker-compose.yml\'s published ports', () => {
    const original = readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8');
    const derived = withEphemeralHostPorts(original);
    const a = parse(original) as { services: Record<string, { ports?: string[] }> };
    const b = parse(derived) as { services: Record<string, { ports?: string[] }> };
    let ports = 0;
    for (const [name, service] of Object.entries(a.services)) {
      const expected = (service.ports ?? []).map((p) => p.replace(/^127\.0\.0\.1:[\d-]+:(\d+)$/, '127.0.0.1::$1'));
      ports += expected.length;
      assert.deepEqual(b.services[name], { ...service, ...(service.ports ? { ports: expected } : {}) }, name);
    }
    assert.ok(ports >= 5, `${ports} published ports`);
    assert.equal(derived.split('\n').length, original.split('\n').length);
  });
});
