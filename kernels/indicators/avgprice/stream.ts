import { streamKernel } from '../../src/define.ts';
import { avgPrice, perBarStream } from '../../src/reference/price.ts';

/** TA-Lib AVGPRICE: (high + low + close + open) / 4, bar by bar (no state). */
export const avgpriceStream = streamKernel(perBarStream((b) => avgPrice(b[0]!, b[1]!, b[2]!, b[3]!)));
