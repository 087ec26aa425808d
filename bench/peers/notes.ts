// Causes found by reading a peer's source (or, where said, by checking its output against a formula),
// for differences the classifier can only describe.
// Keyed `${peer id}/${TA-Lib function}`; shown in the report as notes beside the measured class.
export const causes: Readonly<Record<string, string>> = {
  'fast-technical-indicators/AROON':
    'Its Aroon window holds `period` bars (first value at bar period - 1), TA-Lib\'s period + 1, so the lines differ wherever the extreme is period bars old.',
  'fast-technical-indicators/AROONOSC':
    'Its Aroon window holds `period` bars (first value at bar period - 1), TA-Lib\'s period + 1.',
  'indicatorts/AROON':
    'Observed, not read (its build is minified): its lines start at bar 0, its up line equals TA-Lib\'s, its down line does not (e.g. 100 where TA-Lib reads 0 one bar after the lookback on the benchmark bars).',
  'trading-signals/CMO':
    "Chande's original form: plain sums of gains and losses over the last `period` changes (checked: equal to it to the last bit), where TA-Lib smooths them as its RSI does (Wilder).",
  'tulind/CMO':
    "Chande's original form: plain sums of gains and losses over the last `period` changes (checked: equal to it to the last bit), where TA-Lib smooths them as its RSI does (Wilder).",
  '@ixjb94/indicators/CMO':
    "Tulip's CMO (plain sums of gains and losses over the last `period` changes), where TA-Lib smooths them as its RSI does (Wilder).",
  'tulind/MACD':
    "Tulip Indicators replaces 2/(n+1) by Appel's constants 0.15 and 0.075 when the periods are exactly 12 and 26 (ti_macd in tulind's external/tiamalgamation.c), so it never converges to TA-Lib's MACD(12,26,9).",
};
