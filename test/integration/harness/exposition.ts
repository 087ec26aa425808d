// Structure of a /metrics body (text 0.0.4 or OpenMetrics): which families it declares, and whether
// any family is declared twice or has its samples split into separate runs.
export interface ExpositionSummary {
  /** `# TYPE` names in order of appearance (duplicates kept). */
  families: string[];
  types: Map<string, string>;
  /** Problems: a TYPE or HELP declared twice, samples of a family in two separate runs. */
  problems: string[];
  samples: number;
}

const SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created', '_info'];

/** The declared family a sample belongs to: its own name, or its name without a known suffix. */
function familyOf(sample: string, declared: Map<string, string>): string {
  if (declared.has(sample)) return sample;
  for (const suffix of SUFFIXES) {
    if (sample.endsWith(suffix) && declared.has(sample.slice(0, -suffix.length))) return sample.slice(0, -suffix.length);
  }
  return sample;
}

export function summarizeExposition(body: string): ExpositionSummary {
  const families: string[] = [];
  const types = new Map<string, string>();
  const problems: string[] = [];
  const help = new Set<string>();
  const finished = new Set<string>();
  let current = '';
  let samples = 0;
  for (const line of body.split('\n')) {
    const meta = /^# (TYPE|HELP) (\S+)(?: (.*))?$/.exec(line);
    if (meta) {
      const [, kind, name = '', rest = ''] = meta;
      if (kind === 'TYPE') {
        if (types.has(name)) problems.push(`# TYPE ${name} declared twice`);
        types.set(name, rest.trim());
        families.push(name);
      } else {
        if (help.has(name)) problems.push(`# HELP ${name} declared twice`);
        help.add(name);
      }
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
    if (!name) {
      problems.push(`unparseable line: ${line.slice(0, 80)}`);
      continue;
    }
    samples++;
    const family = familyOf(name, types);
    if (family !== current) {
      if (finished.has(family)) problems.push(`samples of ${family} appear in two separate runs`);
      if (current) finished.add(current);
      current = family;
    }
  }
  return { families, types, problems, samples };
}
