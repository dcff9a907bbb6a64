import type {
  CreateRequestBody,
  PoolRequestDetail,
  RenderedRequest,
  RequestListQuery,
  RequestListResponse,
  TransitionBody,
  UpdateRequestBody,
  ValidateRequestBody,
  ValidationResult,
} from '@nodepools/plugin-nodepools-common';

/** The transitions people take through `POST /requests/:id/{action}`. */
export type RequestReviewAction = 'submit' | 'approve' | 'reject' | 'cancel';

/**
 * The pool request workflow (`/requests`). Failures reject with a
 * `ResponseError` whose `body` is a `RequestErrorResponse`: 400 names the
 * `field`, 409 carries `currentVersion`, 422 the policy `violations`.
 */
export interface NodePoolRequestsApi {
  /** Policy checks and cost of a spec, without storing anything. */
  validateRequest(
    body: ValidateRequestBody,
    options?: { signal?: AbortSignal },
  ): Promise<ValidationResult>;
  /** Creates a draft, or a submitted request with `submit: true`. */
  createRequest(body: CreateRequestBody): Promise<PoolRequestDetail>;
  /** Newest first; follow `nextOffset` for the next page. */
  listRequests(
    query?: RequestListQuery,
    options?: { signal?: AbortSignal },
  ): Promise<RequestListResponse>;
  /** One request with its audit trail, approvers, allowed actions and, once approved, the rendered IaC. */
  getRequest(id: string): Promise<PoolRequestDetail>;
  /** Edits a draft; `version` is the one the edit was made on. */
  updateRequest(id: string, body: UpdateRequestBody): Promise<PoolRequestDetail>;
  /** Moves the request on; `version` is the one the decision was made on. */
  transitionRequest(
    id: string,
    action: RequestReviewAction,
    body: TransitionBody,
  ): Promise<PoolRequestDetail>;
  /** The Terraform, CLI and Karpenter manifest of an approved request. */
  renderRequest(id: string): Promise<RenderedRequest>;
}
