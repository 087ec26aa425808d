import { streamKernel } from '../../src/define.ts';
import { wclPrice, perBarStream } from '../../src/reference/price.ts';

/** TA-Lib WCLPRICE: (high + low + close * 2) / 4, bar by bar (no state). */
export const wclpriceStream = streamKernel(perBarStream((b) => wclPrice(b[0]!, b[1]!, b[2]!)));
