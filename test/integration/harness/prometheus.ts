// A typed client for the parts of Prometheus's HTTP API the suite reads.
import { getJson } from './http.ts';

interface ApiResponse<T> {
  status: 'success' | 'error';
  data: T;
  error?: string;
  warnings?: string[];
}

export type Series = Record<string, string>;
export interface InstantSample { metric: Series; value: [number, string] }
export interface RangeSeries { metric: Series; values: [number, string][] }
export interface MetadataEntry { type: string; help: string; unit: string }
export interface Rule { name: string; type: 'recording' | 'alerting'; health: string; lastError?: string; query: string; state?: string }
export interface RuleGroup { name: string; file: string; rules: Rule[]; lastEvaluation?: string }
export interface Target { labels: Series; health: string; lastError: string; scrapeUrl: string }
export interface ExemplarSet { seriesLabels: Series; exemplars: { labels: Series; value: string; timestamp: number }[] }

export class PrometheusApi {
  readonly base: string;

  constructor(base: string) {
    this.base = base;
  }

  async #get<T>(path: string, params: Record<string, string | string[]> = {}): Promise<T> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) query.append(k, one);
    const body = await getJson<ApiResponse<T>>(`${this.base}${path}?${query}`);
    if (body.status !== 'success') throw new Error(`${path}: ${body.error ?? 'error'}`);
    return body.data;
  }

  query(expr: string): Promise<{ resultType: string; result: InstantSample[] }> {
    return this.#get('/api/v1/query', { query: expr });
  }

  queryRange(expr: string, startS: number, endS: number, stepS: number): Promise<{ resultType: string; result: RangeSeries[] }> {
    return this.#get('/api/v1/query_range', { query: expr, start: String(startS), end: String(endS), step: String(stepS) });
  }

  metadata(): Promise<Record<string, MetadataEntry[]>> {
    return this.#get('/api/v1/metadata');
  }

  series(match: string, startS: number): Promise<Series[]> {
    return this.#get('/api/v1/series', { 'match[]': match, start: String(startS) });
  }

  async rules(): Promise<RuleGroup[]> {
    return (await this.#get<{ groups: RuleGroup[] }>('/api/v1/rules')).groups;
  }

  async targets(): Promise<Target[]> {
    return (await this.#get<{ activeTargets: Target[] }>('/api/v1/targets', { state: 'active' })).activeTargets;
  }

  queryExemplars(expr: string, startS: number, endS: number): Promise<ExemplarSet[]> {
    return this.#get('/api/v1/query_exemplars', { query: expr, start: String(startS), end: String(endS) });
  }

  async alerts(): Promise<{ labels: Series; state: string }[]> {
    return (await this.#get<{ alerts: { labels: Series; state: string }[] }>('/api/v1/alerts')).alerts;
  }
}
