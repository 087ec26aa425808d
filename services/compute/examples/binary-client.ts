/**
 * A minimal client for the binary API: Float64Arrays in, Float64Arrays out, no JSON on the way.
 *   node services/compute/examples/binary-client.ts [http://localhost:8080]
 */
export interface BinaryResult {
  lookback: number;
  params: Record<string, number>;
  outputs: Record<string, Float64Array>;
}

export async function computeBinary(
  baseUrl: string,
  id: string,
  inputs: Float64Array[], // the indicator's inputs in registry order (GET /v1/indicators), equal lengths
  params: Record<string, number> = {},
): Promise<BinaryResult> {
  const n = inputs[0]?.length ?? 0;
  const body = new Uint8Array(8 * n * inputs.length);
  inputs.forEach((series, j) => body.set(new Uint8Array(series.buffer, series.byteOffset, 8 * n), 8 * n * j));
  // (Float64Array is little-endian on every platform Node.js runs on: x86-64, arm64.)
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  const res = await fetch(`${baseUrl}/v1/indicators/${id}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body,
  });
  if (!res.ok) {
    const problem = (await res.json()) as { detail: string };
    throw new Error(`${res.status}: ${problem.detail}`);
  }
  const bytes = await res.arrayBuffer(); // a fresh, aligned ArrayBuffer
  const names = res.headers.get('chitti-outputs')!.split(',');
  const outputs: Record<string, Float64Array> = {};
  names.forEach((name, k) => (outputs[name] = new Float64Array(bytes, 8 * n * k, n)));
  return {
    lookback: Number(res.headers.get('chitti-lookback')),
    params: Object.fromEntries([...new URLSearchParams(res.headers.get('chitti-params') ?? '')].map(([k, v]) => [k, Number(v)])),
    outputs,
  };
}

if (import.meta.main) {
  const base = process.argv[2] ?? 'http://localhost:8080';
  const close = new Float64Array([44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08]);
  const { lookback, params, outputs } = await computeBinary(base, 'bbands', [close], { period: 5 });
  console.log({ lookback, params });
  console.table({ upper: [...outputs.upper!], middle: [...outputs.middle!], lower: [...outputs.lower!] });
}
