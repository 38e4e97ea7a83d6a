/**
 * Errors the domain raises, each with a stable `code`. The API maps the `kind` to an HTTP status in
 * one place (STYLE.md, "Errors"); the `code` selects the German or English message.
 */
export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'business_rule'
  | 'rate_limited'
  | 'gone';

export interface ErrorDetail {
  field: string;
  rule: string;
  /** Values the message may use, e.g. `{ min: 12 }`. */
  params?: Record<string, string | number>;
  /** For a problem in an uploaded table: its row (1 = header) and the column's name. */
  row?: number;
  column?: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    readonly code: string,
    readonly details: readonly ErrorDetail[] = [],
    readonly params: Record<string, string | number> = {},
    /** Extra structured data for the client, e.g. the events a state allows. */
    readonly data: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly kind = 'validation';
  constructor(details: readonly ErrorDetail[], code = 'validation_failed') {
    super(code, details);
  }
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
  constructor(code = 'forbidden') {
    super(code);
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
  constructor(code = 'not_found') {
    super(code);
  }
}

/** A command that does not fit the current state; `allowed` tells the caller what would. */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
  constructor(code: string, allowed: readonly string[] = [], params: Record<string, string | number> = {}) {
    super(code, [], params, { allowed });
  }
}

export class BusinessRuleError extends DomainError {
  readonly kind = 'business_rule';
  constructor(code: string, params: Record<string, string | number> = {}) {
    super(code, [], params);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';
  constructor(code = 'unauthenticated') {
    super(code);
  }
}

/** Too many attempts: the caller must wait (`retryAfterSeconds`). */
export class RateLimitedError extends DomainError {
  readonly kind = 'rate_limited';
  constructor(code: string, params: Record<string, string | number> = {}, retryAfterSeconds?: number) {
    super(code, [], params, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
  }
}

/** A one-time link (invitation, password reset) that is unknown, expired or already used. */
export class GoneError extends DomainError {
  readonly kind = 'gone';
  constructor(code = 'link_invalid') {
    super(code);
  }
}
