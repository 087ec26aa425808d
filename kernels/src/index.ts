export { compute, computePanel, kernelStatus, wasmMemoryBytes, Workspace } from './compute.ts';
export type { ComputeOptions, ComputeResult, OutputBuffers, PanelResult } from './compute.ts';
export { IndicatorError, InvalidInputError, InvalidParamError, UnknownIndicatorError } from './errors.ts';
export type { IndicatorErrorCode } from './errors.ts';
export { createStream, IndicatorStream, restoreStream, streamStateBytes, streamWorkPerBar } from './stream.ts';
export type { Bar, StreamSnapshot } from './stream.ts';
export { getIndicator, hasIndicator, indicators } from './registry.ts';
export { createPatternScanner, PatternScanner, patternIds, restorePatternScanner, scanPatterns, scanPatternsPanel } from './scan.ts';
export type { PatternHits, PatternScannerSnapshot, PatternSignal, ScanOptions, ScanResult } from './scan.ts';
export { resolveInputs, resolveParams } from './validate.ts';
export { INPUT_ORDER } from './types.ts';
export type { InputsArg, ParamsArg } from './validate.ts';
export type { KernelKind, KernelStatus } from './wasm/module.ts';
export type {
  IndicatorDefinition,
  IndicatorGroup,
  InputName,
  OutputDefinition,
  ParamDefinition,
  Params,
  Series,
} from './types.ts';
