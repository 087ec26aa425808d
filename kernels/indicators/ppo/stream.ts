import { streamKernel } from '../../src/define.ts';
import { oscillatorStream } from '../../src/reference/ma.ts';

/** TA-Lib PPO (INT_PO): see oscillatorStream. */
export const ppoStream = streamKernel(oscillatorStream(true));
