// Resolves and builds the integration suite's images ahead of `npm test` (used by .ci/run), so the
// CPU-heavy image builds do not run beside the timing-sensitive unit tests; the suite's own build
// step then hits Docker's layer cache.   node test/integration/prepare-images.ts
import { buildProjectImages, resolveImages } from './harness/images.ts';

const log = (line: string) => console.log(`[prepare-images] ${line}`);
const resolved = resolveImages();
log(`${resolved.flavour} (${resolved.why})`);
buildProjectImages(resolved.images, log);
