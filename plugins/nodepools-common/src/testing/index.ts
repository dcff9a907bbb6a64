export { analyzePendingPodsNaive } from './naiveTriage';
export type { NaiveReport, NaiveVerdict } from './naiveTriage';
