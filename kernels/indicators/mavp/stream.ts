import { streamKernel } from '../../src/define.ts';
import { mavpStreamKernel } from '../../src/reference/mavp.ts';

/** TA-Lib TA_MAVP bar by bar: every period's MA kept current, the bar's period read out. */
export const mavpStream = streamKernel(mavpStreamKernel);
