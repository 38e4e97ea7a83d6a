import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import {
  DomainError,
  type DomainErrorKind,
  errorMessage,
  type Locale,
  pickLocale,
  validationMessage,
  ValidationError,
} from '@kiezfonds/domain';
import { isDatabaseUnavailable } from '@kiezfonds/platform';
import type { Request, Response } from 'express';
import { BODY_PROBLEMS, type RequestWithBodyProblems } from './utf8';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  business_rule: HttpStatus.UNPROCESSABLE_ENTITY,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  gone: HttpStatus.GONE,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'malformed_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'route_not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/**
 * The most problems one answer lists; `detailsOmitted` counts the rest. A body of 60 000 unknown
 * fields would otherwise be answered with megabytes, many times the size of the request.
 */
export const MAX_ERROR_DETAILS = 100;

/** The pool reconnects on the next request; a client that waits this long tries again soon. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

export interface ErrorBody {
  code: string;
  message: string;
  details: { field: string; rule: string; message: string; row?: number; column?: string }[];
  requestId?: string;
  [extra: string]: unknown;
}

/**
 * The one place where errors become HTTP answers `{ code, message, details }`, with the message in
 * the caller's language. An unreachable database is a 503 `database_unavailable` with
 * `Retry-After`; anything unexpected is logged with its stack and answered as a bare 500, so
 * internals never leak to the client.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const locale = pickLocale(request.headers['accept-language']);
    const bodyProblems = (request as RequestWithBodyProblems)[BODY_PROBLEMS];
    const { status, body } = this.toAnswer(
      bodyProblems ? new ValidationError(bodyProblems) : exception,
      locale,
    );
    if (status === 503 && body.code === 'database_unavailable')
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
    else if (status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    body.requestId = request.id;
    if (typeof body.retryAfterSeconds === 'number')
      response.setHeader('Retry-After', String(body.retryAfterSeconds));
    response.status(status).json(body);
  }

  private toAnswer(exception: unknown, locale: Locale): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      const omitted = exception.details.length - MAX_ERROR_DETAILS;
      return {
        status: STATUS_BY_KIND[exception.kind],
        body: {
          ...exception.data,
          code: exception.code,
          message: errorMessage(exception.code, locale, exception.params),
          details: exception.details.slice(0, MAX_ERROR_DETAILS).map((d) => ({
            field: d.field,
            rule: d.rule,
            message: validationMessage(d.rule, locale, d.params),
            ...(d.row === undefined ? {} : { row: d.row, column: d.column }),
          })),
          ...(omitted > 0 ? { detailsOmitted: omitted } : {}),
        },
      };
    }
    // A full pool or a cancelled statement: the database is up but busy. Checked first, since
    // the pool's wait timeout also reads as an unreachable database. A transaction PostgreSQL
    // aborted for a concurrent one changed nothing and may be sent again at once.
    const retryAfterSeconds = databaseBusy(exception) ? 5 : transactionAborted(exception) ? 1 : null;
    if (retryAfterSeconds !== null) {
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        body: {
          code: 'database_busy',
          message: errorMessage('database_busy', locale),
          details: [],
          retryAfterSeconds,
        },
      };
    }
    // An outage is not a bug: a clear 503 with a code and a time to come back (TRUST.md).
    if (isDatabaseUnavailable(exception)) {
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        body: {
          code: 'database_unavailable',
          message: errorMessage('database_unavailable', locale),
          details: [],
          retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
        },
      };
    }
    const upload = uploadLimitOf(exception);
    if (upload) {
      return {
        status: HttpStatus.BAD_REQUEST,
        body: {
          code: 'upload_limit_exceeded',
          message: errorMessage('upload_limit_exceeded', locale),
          details: [
            { field: upload.field, rule: upload.rule, message: validationMessage(upload.rule, locale) },
          ],
        },
      };
    }
    if (multipartMalformed(exception)) {
      return {
        status: HttpStatus.BAD_REQUEST,
        body: {
          code: 'upload_malformed',
          message: errorMessage('upload_malformed', locale),
          details: [
            {
              field: 'file',
              rule: 'multipartMalformed',
              message: validationMessage('multipartMalformed', locale),
            },
          ],
        },
      };
    }
    const status = httpStatusOf(exception);
    if (status !== undefined && status < 500) {
      const code = CODE_BY_STATUS[status] ?? 'malformed_request';
      return { status, body: { code, message: errorMessage(code, locale), details: [] } };
    }
    const code = status === 503 ? 'service_unavailable' : 'internal_error';
    return { status: status ?? 500, body: { code, message: errorMessage(code, locale), details: [] } };
  }
}

/**
 * PostgreSQL could not serve the request in time: no free connection within
 * DATABASE_CONNECTION_TIMEOUT_MS, a statement cancelled after DATABASE_STATEMENT_TIMEOUT_MS
 * (57014), too many connections (53300), or the server refusing or shutting down. The request
 * changed nothing (its transaction rolled back), so the client may simply retry: a 503 with a code,
 * never a bare 500 (TRUST.md).
 */
const BUSY_SQLSTATES = new Set(['57014', '53300', '57P01', '57P03']);

function databaseBusy(exception: unknown): boolean {
  if (!(exception instanceof Error)) return false;
  const driver = (exception as { driverError?: { code?: unknown } }).driverError;
  const code = driver?.code ?? (exception as { code?: unknown }).code;
  if (typeof code === 'string' && BUSY_SQLSTATES.has(code)) return true;
  return /^timeout exceeded when trying to connect$|^Connection terminated due to connection timeout$/.test(
    exception.message,
  );
}

/**
 * PostgreSQL chose this request's transaction as the victim of a deadlock (40P01) or could not
 * serialise it with a concurrent one (40001): it rolled back and changed nothing, and the same
 * request sent again succeeds. Commands on one application take their locks in one order
 * (application, then its call-offs and claims), so this is not expected; should it happen, it is
 * logged with its stack as a fault, and answered 503 `database_busy` with `Retry-After: 1`
 * rather than a bare 500 (TRUST.md). The server does not repeat the transaction itself: the
 * client holds the Idempotency-Key that makes its retry safe, and a repeated command is then
 * visible in the log instead of hiding a lock-order bug.
 */
const ABORTED_SQLSTATES = new Set(['40P01', '40001']);

function transactionAborted(exception: unknown): boolean {
  for (let current = exception, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && ABORTED_SQLSTATES.has(code)) return true;
    const next = current as { driverError?: unknown; cause?: unknown };
    current = next.driverError ?? next.cause;
  }
  return false;
}

/** Nest's own exceptions, and the body parser's (malformed JSON, too large), carry a status. */
function httpStatusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  if (typeof exception === 'object' && exception !== null) {
    const candidate = (exception as { status?: unknown; statusCode?: unknown }).status;
    const fallback = (exception as { statusCode?: unknown }).statusCode;
    const value = typeof candidate === 'number' ? candidate : fallback;
    if (typeof value === 'number' && value >= 400 && value < 600) return value;
  }
  return undefined;
}

/** Multer's limits (field count and size, file count, parts), checked while the body streams in. */
const MULTER_RULES: Record<string, string> = {
  LIMIT_FIELD_COUNT: 'tooManyFields',
  LIMIT_FIELD_VALUE: 'fieldTooLong',
  LIMIT_FIELD_KEY: 'fieldNameTooLong',
  LIMIT_FILE_COUNT: 'tooManyFiles',
  LIMIT_PART_COUNT: 'tooManyParts',
  LIMIT_UNEXPECTED_FILE: 'unexpectedFile',
  LIMIT_FIELD_NESTING: 'maxDepth',
  LIMIT_FIELD_ARRAY_INDEX: 'maxDepth',
};

function uploadLimitOf(exception: unknown): { field: string; rule: string } | undefined {
  if (!(exception instanceof HttpException) || exception.getStatus() !== 400) return undefined;
  const cause = exception.cause as { code?: unknown; field?: unknown } | undefined;
  const rule = typeof cause?.code === 'string' ? MULTER_RULES[cause.code] : undefined;
  if (!rule) return undefined;
  return { field: typeof cause?.field === 'string' ? cause.field : '', rule };
}

/**
 * busboy's own parse errors carry no code, only these messages: a part header it cannot read
 * (e.g. a control character in the file name) or a form cut short. Without this they would read
 * as a 400 about JSON naming no field.
 */
const MULTIPART_PARSE_ERRORS = new Set([
  'Malformed part header',
  'Unexpected end of form',
  'Unexpected end of file',
  'Multipart: Boundary not found',
]);

function multipartMalformed(exception: unknown): boolean {
  if (!(exception instanceof HttpException) || exception.getStatus() !== 400) return false;
  const cause = exception.cause;
  return cause instanceof Error && MULTIPART_PARSE_ERRORS.has(cause.message);
}
