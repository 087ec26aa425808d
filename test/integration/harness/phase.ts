import type { CleanupStack } from './cleanup.ts';
import type { ResolvedImages } from './images.ts';
import type { Leftovers } from './stack.ts';

/** What the suite's phases share: one cleanup stack, the run's tracked resources, the images. */
export interface Phase {
  cleanup: CleanupStack;
  track: Leftovers;
  log: (line: string) => void;
  /** Resolves (and builds) the images on first use; later calls return the same. */
  images: () => ResolvedImages;
  /** Pushes the label sweep of this run onto the cleanup stack (it then runs after everything else). */
  sweep: () => void;
}
