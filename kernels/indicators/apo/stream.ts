import { streamKernel } from '../../src/define.ts';
import { oscillatorStream } from '../../src/reference/ma.ts';

/** TA-Lib APO (INT_PO): see oscillatorStream. */
export const apoStream = streamKernel(oscillatorStream(false));
