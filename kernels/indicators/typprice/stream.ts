import { streamKernel } from '../../src/define.ts';
import { typPrice, perBarStream } from '../../src/reference/price.ts';

/** TA-Lib TYPPRICE: (high + low + close) / 3, bar by bar (no state). */
export const typpriceStream = streamKernel(perBarStream((b) => typPrice(b[0]!, b[1]!, b[2]!)));
