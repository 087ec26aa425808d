import { fileURLToPath } from 'node:url';

/** The repository root (absolute, no trailing slash). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
