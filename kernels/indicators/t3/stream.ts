import { streamKernel } from '../../src/define.ts';
import { MA_T3, maStage, maStreamKernel } from '../../src/reference/ma.ts';

/** TA-Lib T3 (see src/reference/ma.ts). */
export const t3Stream = streamKernel(maStreamKernel((p) => maStage(MA_T3, p.period!, p.vFactor!, false)));
