export { atrSeries as atr, atrPanel as atr_panel, atrSeriesChecked as atr_checked } from '../../assembly/lib/truerange';
