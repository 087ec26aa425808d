import { streamKernel } from '../../src/define.ts';
import { MA_KAMA, maStage, maStreamKernel } from '../../src/reference/ma.ts';

/** TA-Lib KAMA (see src/reference/ma.ts). */
export const kamaStream = streamKernel(maStreamKernel((p) => maStage(MA_KAMA, p.period!, 0, false)));
