import type { LoopKernel } from '../../src/loop.ts';
import { atrChain } from '../../src/reference/truerange.ts';

export const natrLoop: LoopKernel = (inputs, outputs, p) => atrChain(inputs[0]!, inputs[1]!, inputs[2]!, outputs[0]!, p.period!, true);
