// Causes found by reading a peer's source, for differences the classifier can only describe.
// Keyed `${peer id}/${TA-Lib function}`; shown in the report as notes beside the measured class.
export const causes: Readonly<Record<string, string>> = {
  'tulind/MACD':
    "Tulip Indicators replaces 2/(n+1) by Appel's constants 0.15 and 0.075 when the periods are exactly 12 and 26 (ti_macd in tulind's external/tiamalgamation.c), so it never converges to TA-Lib's MACD(12,26,9).",
};
