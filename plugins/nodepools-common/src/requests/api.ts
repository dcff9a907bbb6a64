import type { RequestKind } from './kinds';
import type { RequestView } from './schema';
import type { RequestState } from './stateMachine';
import type { PoolRequest, PoolRequestDetail, ValidationResult, Violation } from './types';

/*
 * Answers of the request API (`/api/nodepools/requests`). Bodies are the
 * inputs of the schemas in schema.ts (CreateRequestBody, UpdateRequestBody,
 * TransitionBody, ValidateRequestBody, RequestListQuery).
 */

/** `GET /requests` */
export interface RequestListResponse {
  items: PoolRequest[];
  totalCount: number;
  /** Pass as `offset` for the next page; absent on the last page. */
  nextOffset?: number;
}

/** The filters `GET /requests` applied, as the backend read them. */
export interface RequestListFilter {
  view: RequestView;
  state?: RequestState[];
  kind?: RequestKind[];
  cluster?: string;
  owner?: string;
  limit: number;
  offset: number;
}

/** `POST /requests/validate` */
export type ValidateRequestResponse = ValidationResult;

/** `POST /requests`, `GET|PATCH /requests/:id`, `POST /requests/:id/{submit,approve,reject,cancel}` */
export type RequestResponse = PoolRequestDetail;

/** `GET /requests/:id/render` */
export type { RenderedRequest as RenderResponse } from './types';

/**
 * The body of every error answer (Backstage's error shape, plus where the
 * problem is): 400 names the `field`; 422 (policy errors on submit or
 * approve) lists the `violations`; 409 says the request changed
 * (`currentVersion`) or cannot take the action in its state.
 */
export interface RequestErrorResponse {
  error: { name: string; message: string };
  request?: { method: string; url: string };
  response: { statusCode: number };
  field?: string;
  violations?: Violation[];
  currentVersion?: number;
}
