import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';

const require = createRequire(import.meta.url);

export interface MachineInfo {
  cpu: string | undefined;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  v8: string;
}

export function machineInfo(): MachineInfo {
  return {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    v8: process.versions.v8,
  };
}

/** 1, 5 and 15 minute load averages. */
export function load(): [number, number, number] {
  const [a, b, c] = loadavg();
  return [a!, b!, c!];
}

/** The installed version of a package, as resolved from the bench workspace. */
export function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    // Packages whose exports hide package.json: the nearest one above the resolved entry point.
    for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
      const file = join(dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
      if (pkg.name === name) return pkg.version;
    }
    throw new Error(`no package.json for ${name}`);
  }
}
