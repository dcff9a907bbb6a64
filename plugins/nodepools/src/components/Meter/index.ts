export { Meter } from './Meter';
export type { MeterProps, MeterTone } from './Meter';
