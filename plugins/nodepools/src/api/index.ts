export { nodePoolsApiRef } from './NodePoolsApi';
export type { NodePoolsApi, NodePoolsRequestOptions } from './NodePoolsApi';
export { NodePoolsClient } from './NodePoolsClient';
export type { NodePoolRequestsApi, RequestReviewAction } from './NodePoolRequestsApi';
export type { ExportDownload, ExportFormat, ExportQuery, NodePoolGovernanceApi, UpgradeQuery } from './NodePoolGovernanceApi';
