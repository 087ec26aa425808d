// Notes shared by the definitions built on the MA-type stages (docs text, one sentence each).

/** Notes of APO and PPO, given what the output is. */
export function oscillatorNotes(output: string): string[] {
  return [
    `The output is ${output}.`,
    'As in TA-Lib, if `slow` is smaller than `fast` the two are swapped.',
    'Both MAs are TA-Lib\'s of the chosen type (see ma); MA type 7 (MAMA) runs with fastLimit 0.5 and slowLimit 0.05, the period ignored, as in TA-Lib.',
    'The fast MA starts lookback(slow) - lookback(fast) bars into the series, so that it and the slow MA reach their first values on the same bar: TA-Lib\'s result when asked from its first output (as its MACD always computes). TA-Lib called from bar 0 starts the fast MA at bar 0 instead; for the EMA-based types (EMA, DEMA, TEMA, KAMA, T3) that changes values during the warm-up only.',
    'No running sum is re-summed, exactly as TA-Lib.',
  ];
}
