import type { LoopKernel } from '../../src/loop.ts';
import { trixChain } from '../../src/reference/ema-loop.ts';

export const trixLoop: LoopKernel = (inputs, outputs, p) => trixChain(inputs[0]!, outputs[0]!, p.period!);
