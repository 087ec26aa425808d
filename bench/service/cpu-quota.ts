/**
 * Caps a process's CPU with a CFS quota, as a container's `--cpus` / Kubernetes `limits.cpu` does:
 * a cgroup (v1 `cpu` controller, or v2) holding the process, allowed `fraction` of one CPU per 100 ms
 * period. Lets a load generator on the same 2-core machine offer twice what the service can answer.
 * Needs root and a writable cgroup file system; returns undefined where that is not available.
 */
import { existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CpuQuota {
  fraction: number;
  release(): void;
}

const PERIOD_US = 100_000;

export function limitCpu(pid: number, fraction: number): CpuQuota | undefined {
  const v1 = '/sys/fs/cgroup/cpu';
  const v2 = existsSync('/sys/fs/cgroup/cgroup.controllers') ? '/sys/fs/cgroup' : undefined;
  const base = existsSync(join(v1, 'cpu.cfs_quota_us')) ? v1 : v2;
  if (!base) return undefined;
  const dir = join(base, `chitti-bench-${pid}`);
  try {
    mkdirSync(dir);
    const quota = Math.round(fraction * PERIOD_US);
    if (base === v1) {
      writeFileSync(join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
      writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(quota));
    } else {
      writeFileSync(join(dir, 'cpu.max'), `${quota} ${PERIOD_US}`);
    }
    writeFileSync(join(dir, 'cgroup.procs'), String(pid)); // every thread of the process
  } catch {
    try {
      rmdirSync(dir);
    } catch {
      // not created
    }
    return undefined;
  }
  return {
    fraction,
    release: () => {
      try {
        rmdirSync(dir); // succeeds once the process has exited
      } catch {
        // still populated: left for the OS to clean up with the process
      }
    },
  };
}
