export { atrSeries as atr, atrPanel as atr_panel } from '../../assembly/lib/truerange';
