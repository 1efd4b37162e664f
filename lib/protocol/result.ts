/** Error codes every protocol call may answer with; the UI maps each to a translated message. */
export type ApiErrorCode =
  | 'invalid-input'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'quota-exceeded'
  | 'storage-blocked'
  /** Issue 17: Firefox set to "Never remember history" lets no extension write to its database. */
  | 'storage-private'
  | 'storage-failed'
  | 'unavailable'
  | 'internal';

/** A typed error crossing the protocol: `issues` lists Zod problems as `path: reason`. */
export interface ApiError {
  code: ApiErrorCode;
  message: string;
  issues?: string[];
}

/** What the background answers to every protocol call. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown by the client when the background answered with an error (or could not be reached). */
export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: string[];
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.issues = error.issues ?? [];
  }
}
