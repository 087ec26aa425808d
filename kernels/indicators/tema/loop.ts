import type { LoopKernel } from '../../src/loop.ts';
import { temaChain } from '../../src/reference/ema-loop.ts';

export const temaLoop: LoopKernel = (inputs, outputs, p) => temaChain(inputs[0]!, outputs[0]!, p.period!);
