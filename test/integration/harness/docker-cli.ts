// The docker CLI, for what testcontainers has no API for (builds on the host network, inspecting
// leftovers, sweeping by label).
import { spawnSync } from 'node:child_process';

export function docker(args: string[], timeoutMs = 60_000): { ok: boolean; out: string; stdout: string } {
  const r = spawnSync('docker', args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const stdout = r.stdout ?? '';
  return { ok: r.status === 0 && !r.error, stdout, out: `${stdout}${r.stderr ?? ''}${r.error ? r.error.message : ''}` };
}

/** Non-empty lines of a successful docker command's stdout. */
export function dockerLines(args: string[]): string[] {
  const r = docker(args);
  if (!r.ok) throw new Error(`docker ${args.join(' ')}: ${r.out.trim()}`);
  return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}
