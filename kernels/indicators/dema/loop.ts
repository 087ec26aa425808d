import type { LoopKernel } from '../../src/loop.ts';
import { demaChain } from '../../src/reference/ema-loop.ts';

export const demaLoop: LoopKernel = (inputs, outputs, p) => demaChain(inputs[0]!, outputs[0]!, p.period!);
