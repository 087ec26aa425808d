import { streamKernel } from '../../src/define.ts';
import { medPrice, perBarStream } from '../../src/reference/price.ts';

/** TA-Lib MEDPRICE: (high + low) / 2, bar by bar (no state). */
export const medpriceStream = streamKernel(perBarStream((b) => medPrice(b[0]!, b[1]!)));
