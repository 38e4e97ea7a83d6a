/** Every endpoint lives under this prefix; in development Vite proxies it to the API server. */
export const apiBasePath = '/api';

/** One invalid field: `field` is the request's property path (`organisation.iban`), `message` localised. */
export type ApiErrorDetail = { field: string; rule: string; message?: string; row?: number; column?: string };

/** The error body every API endpoint sends (see the exception filter in apps/api). */
export type ApiErrorBody = { code: string; message: string; details?: ApiErrorDetail[] };

/**
 * Codes the client itself produces when there is no usable server answer. Server codes are
 * whatever the API sends; these are kept apart by their `CLIENT_` prefix.
 */
export const clientErrorCodes = {
  network: 'CLIENT_NETWORK_ERROR',
  http: 'CLIENT_HTTP_ERROR',
  invalidResponse: 'CLIENT_INVALID_RESPONSE',
} as const;

/** Thrown for every failed API call. `status` is 0 when no HTTP response arrived at all. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly details: readonly ApiErrorDetail[];
  readonly body: ApiErrorBody;

  constructor(status: number, body: ApiErrorBody, options?: { cause?: unknown }) {
    super(body.message, options);
    this.status = status;
    this.body = body;
    this.code = body.code;
    this.details = body.details ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type ApiRequestOptions = {
  method?: HttpMethod;
  /** Serialised as JSON; a `FormData` goes out as multipart (file uploads). */
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /**
   * A public route that answers 401 for wrong credentials (sign-in, accepting an invitation for an
   * existing account): such a 401 says nothing about the current session.
   */
  credentialCheck?: boolean;
};

/** Header the API checks on every write authenticated by the session cookie. */
export const csrfHeader = 'X-CSRF-Token';

const safeMethods: ReadonlySet<HttpMethod> = new Set(['GET']);

let csrfToken: string | null = null;
const sessionEndedListeners = new Set<() => void>();

/**
 * The CSRF token of the current session (from the login answer or `GET /api/me`); every request
 * that is not a GET then carries it. `null` after signing out.
 */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Called when the API answers 401 while the app believes it is signed in: the session expired
 * or was ended elsewhere. Returns the function that removes the listener.
 */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isErrorDetail(value: unknown): value is ApiErrorDetail {
  return isRecord(value) && typeof value.field === 'string' && typeof value.rule === 'string';
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    isRecord(value) &&
    typeof value.code === 'string' &&
    typeof value.message === 'string' &&
    (value.details === undefined || (Array.isArray(value.details) && value.details.every(isErrorDetail)))
  );
}

function isJson(response: Response): boolean {
  const type = response.headers.get('content-type') ?? '';
  return /^application\/(.+\+)?json\b/i.test(type);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    throw new ApiError(
      response.status,
      { code: clientErrorCodes.invalidResponse, message: 'The server sent malformed JSON.' },
      { cause: error },
    );
  }
}

/**
 * Calls the API with JSON in and out. The session cookie is always sent. The server answers in
 * the language of `<html lang>`, which follows the UI language.
 * Resolves with the parsed body (`undefined` for 204); rejects with `ApiError`, or with the
 * `AbortError` of the given signal.
 */
export async function apiRequest<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  try {
    return await send<T>(path, options);
  } catch (error) {
    // The token can go stale when another tab signed out and in again; one fresh token and one
    // retry recover from that without bothering the user.
    if (
      error instanceof ApiError &&
      error.status === 403 &&
      error.code === 'csrf_failed' &&
      csrfToken !== null &&
      (await refreshCsrfToken(options.signal))
    ) {
      return send<T>(path, options);
    }
    throw error;
  }
}

async function refreshCsrfToken(signal: AbortSignal | undefined): Promise<boolean> {
  try {
    const me = await send<unknown>('/me', { signal });
    if (isRecord(me) && typeof me.csrfToken === 'string') {
      csrfToken = me.csrfToken;
      return true;
    }
  } catch {
    // Signed out meanwhile: the original error stands.
  }
  return false;
}

async function send<T>(path: string, options: ApiRequestOptions): Promise<T> {
  const { method = 'GET', body, signal, headers = {} } = options;
  const requestHeaders: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': document.documentElement.lang || 'de',
    ...headers,
  };
  const multipart = body instanceof FormData;
  // The browser writes the multipart boundary into Content-Type itself.
  if (body !== undefined && !multipart) requestHeaders['Content-Type'] = 'application/json';
  if (!safeMethods.has(method) && csrfToken !== null) requestHeaders[csrfHeader] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`${apiBasePath}${path}`, {
      method,
      headers: requestHeaders,
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
      credentials: 'include',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(
      0,
      { code: clientErrorCodes.network, message: 'The server could not be reached.' },
      { cause: error },
    );
  }

  if (response.status === 401 && csrfToken !== null && !options.credentialCheck) {
    csrfToken = null;
    sessionEndedListeners.forEach((listener) => listener());
  }

  if (!response.ok) {
    const errorBody = isJson(response) ? await readJson(response).catch(() => undefined) : undefined;
    throw new ApiError(
      response.status,
      isApiErrorBody(errorBody)
        ? errorBody
        : { code: clientErrorCodes.http, message: `The server answered with HTTP ${response.status}.` },
    );
  }

  if (response.status === 204) return undefined as T;
  if (!isJson(response)) {
    throw new ApiError(response.status, {
      code: clientErrorCodes.invalidResponse,
      message: 'The server did not answer with JSON.',
    });
  }
  return (await readJson(response)) as T;
}

export type HealthResponse = { status: 'ok' };

/** `GET /api/health`: resolves when the API is up, rejects with `ApiError` otherwise. */
export async function getHealth(options: { signal?: AbortSignal } = {}): Promise<HealthResponse> {
  const body = await apiRequest<unknown>('/health', { signal: options.signal });
  if (!isRecord(body) || body.status !== 'ok') {
    throw new ApiError(200, {
      code: clientErrorCodes.invalidResponse,
      message: 'The health endpoint sent an unexpected answer.',
    });
  }
  return { status: 'ok' };
}
