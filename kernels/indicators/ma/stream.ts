import { streamKernel } from '../../src/define.ts';
import { maStage, maStreamKernel } from '../../src/reference/ma.ts';

/** TA-Lib TA_MA: the MA of the chosen type (a copy of the input for period 1). */
export const maStream = streamKernel(maStreamKernel((p) => maStage(p.maType!, p.period!)));
