export { PageFrame, WithoutPageHeader, useDrawsPageHeader } from './PageFrame';
export type { PageFrameProps } from './PageFrame';
