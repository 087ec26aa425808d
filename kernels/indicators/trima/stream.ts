import { streamKernel } from '../../src/define.ts';
import { MA_TRIMA, maStage, maStreamKernel } from '../../src/reference/ma.ts';

/** TA-Lib TRIMA (see src/reference/ma.ts). */
export const trimaStream = streamKernel(maStreamKernel((p) => maStage(MA_TRIMA, p.period!, 0, false)));
