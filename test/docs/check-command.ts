// Static checks of a documented command: each program it runs must exist as written after
// `npm install` on a machine whose own Node is 20: npm scripts that exist (in the workspace `-w`
// names), repository scripts that exist and are executable, no `node file.ts` (Node 20 cannot run
// TypeScript: use an npm script, which runs on the project's Node 24), repository paths that exist,
// `npm test -- <fragment>` fragments that select test files, and only external programs listed here.
import { accessSync, constants, existsSync, globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Programs from outside the repository a documented command may run, and where they come from. */
export const EXTERNAL_PROGRAMS: Record<string, string> = {
  curl: 'Debian curl',
  docker: 'Docker (deploy/ensure-docker.sh)',
  'docker-compose': 'Debian docker-compose (deploy/ensure-docker.sh)',
  kubectl: 'Kubernetes client (deploy/k8s)',
  promtool: 'Debian prometheus / promtool (npm test fetches it)',
  amtool: 'Debian prometheus-alertmanager (npm test fetches it)',
  prometheus: 'Debian prometheus',
  openssl: 'Debian openssl',
  jq: 'Debian jq',
  xxd: 'Debian xxd',
  open: 'a desktop (macOS open, xdg-open)',
  export: 'the shell',
  head: 'coreutils',
  tr: 'coreutils',
  cut: 'coreutils',
  cat: 'coreutils',
  sed: 'sed',
  grep: 'grep',
  base64: 'coreutils',
};

const NPM_BUILTINS = new Set(['install', 'ci', 'pack', 'audit', 'ls', 'view', 'exec']);

/** Shell words of a command line, with the operators (`&&`, `||`, `|`, `;`, `>`, `<`) as their own words. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  const flush = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      word += line.slice(i + 1, end === -1 ? undefined : end);
      inWord = true;
      i = end === -1 ? line.length : end;
    } else if (c === '$' && line[i + 1] === '(') {
      let depth = 0;
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === '(') depth++;
        else if (line[j] === ')' && --depth === 0) break;
      }
      word += line.slice(i, j + 1);
      inWord = true;
      i = j;
    } else if (/\s/.test(c)) flush();
    else if ('|&;<>'.includes(c)) {
      flush();
      const two = line.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        words.push(two);
        i++;
      } else words.push(c);
    } else {
      word += c;
      inWord = true;
    }
  }
  flush();
  return words;
}

/** The simple commands of a line: words between operators, leading VAR=value assignments dropped. */
export function simpleCommands(line: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let redirect = false;
  for (const w of shellWords(line)) {
    if (['&&', '||', '|', ';', '&'].includes(w)) {
      if (current.length) out.push(current);
      current = [];
    } else if (w === '>' || w === '<') redirect = true;
    else if (redirect) redirect = false;
    else if (current.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) continue;
    else current.push(w);
  }
  if (current.length) out.push(current);
  return out;
}

interface Workspaces {
  root: string;
  /** package name -> directory (absolute) */
  byName: Map<string, string>;
}

export function workspaces(root: string): Workspaces {
  const byName = new Map<string, string>();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
  for (const pattern of pkg.workspaces) {
    for (const dir of globSync(pattern, { cwd: root })) {
      const file = join(root, dir, 'package.json');
      if (existsSync(file)) byName.set((JSON.parse(readFileSync(file, 'utf8')) as { name: string }).name, join(root, dir));
    }
  }
  return { root, byName };
}

const scriptsOf = (dir: string): Record<string, string> =>
  (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};

/** Repository paths among a command's arguments: relative, starting with a top-level entry of the repository. */
function repoPaths(args: string[], root: string): string[] {
  const values = args.flatMap((a) => (a.startsWith('-') && a.includes('=') ? [a.slice(a.indexOf('=') + 1)] : a.startsWith('-') ? [] : [a]));
  return values.filter((v) => /^[\w.-]+\/[\w./*-]*$/.test(v) && !v.startsWith('.') && existsSync(join(root, v.split('/')[0]!)) && !v.includes('*'));
}

/** Problems with one documented command line (empty: fine). `testFiles`: what npm test can select. */
export function checkCommand(text: string, ws: Workspaces, testFiles: string[]): string[] {
  const problems: string[] = [];
  for (let words of simpleCommands(text)) {
    if (words[0] === 'taskset') words = words.slice(words[1]?.startsWith('-') ? 3 : 2);
    const [program, ...args] = words;
    if (!program) continue;
    for (const p of repoPaths(args, ws.root)) if (!existsSync(join(ws.root, p))) problems.push(`${p} does not exist`);
    if (program === 'npm') {
      const w = args.findIndex((a) => a === '-w' || a === '--workspace');
      const dir = w >= 0 ? ws.byName.get(args[w + 1] ?? '') : ws.root;
      if (!dir) {
        problems.push(`npm workspace ${args[w + 1]} does not exist`);
        continue;
      }
      const rest = args.filter((_, i) => w < 0 || (i !== w && i !== w + 1));
      const [sub, name] = rest;
      if (sub === undefined) problems.push('npm without a command');
      else if (sub === 'run' || sub === 'run-script') {
        if (!name || !(name in scriptsOf(dir))) problems.push(`npm script "${name}" is not in ${dir === ws.root ? 'the root' : dir.slice(ws.root.length + 1)} package.json`);
      } else if (sub === 'start' || sub === 'test') {
        if (!(sub in scriptsOf(dir))) problems.push(`npm ${sub}: no "${sub}" script in ${dir === ws.root ? 'the root' : dir.slice(ws.root.length + 1)} package.json`);
        const dash = rest.indexOf('--');
        if (sub === 'test' && dash >= 0) {
          for (const fragment of rest.slice(dash + 1)) {
            if (!testFiles.some((f) => f.includes(fragment))) problems.push(`npm test -- ${fragment} selects no test file`);
          }
        }
      } else if (!NPM_BUILTINS.has(sub)) problems.push(`npm ${sub}: not a command this project documents`);
    } else if (program === 'node') {
      const file = args.find((a) => !a.startsWith('-'));
      if (args.includes('-e') || args.includes('-p')) continue;
      if (file && /\.(ts|mts|cts)$/.test(file)) problems.push(`node ${file}: Node 20 cannot run TypeScript; use an npm script (npm scripts run on the project's Node 24)`);
      else if (file && !existsSync(join(ws.root, file))) problems.push(`node ${file}: no such file`);
    } else if (program.includes('/')) {
      const path = join(ws.root, program);
      if (!existsSync(path)) problems.push(`${program} does not exist`);
      else {
        try {
          accessSync(path, constants.X_OK);
        } catch {
          problems.push(`${program} is not executable`);
        }
      }
    } else if (!(program in EXTERNAL_PROGRAMS)) problems.push(`${program}: not a program this check knows (add it to EXTERNAL_PROGRAMS with where it comes from)`);
  }
  return problems;
}
