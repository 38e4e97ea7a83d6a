/**
 * What a log line must never show (TRUST.md, "Secrets"): one-time link secrets in URLs (query
 * `token=…`, the invitation path `/api/invitations/<token>`), passwords and tokens in bodies,
 * cookies and bearer tokens in headers. The request serializer rewrites the URL, query, params and
 * referer; pino's `redact` censors the header and body fields by path.
 */
/**
 * Query names that carry a secret. Besides our own `token=`, the names clients use for credentials
 * of their own accord: OAuth's `access_token` (RFC 6750 allows it in the query), `api_key`,
 * `client_secret`, `csrf_token`, `passwort` … Our API reads none of them, but the request line is
 * logged before anything decides that, so a script that sends its API token that way must not find
 * it in the log. Matched on the name without its bracket suffix (`token[]=`, `token[a]=`), which
 * the query parser reads as the same field.
 */
const SECRET_PARAMS =
  /^(code|key|sig|auth|pwd|pass)$|token|passw|secret|csrf|api[-_]?key|access[-_]?key|credential|signature/i;
/** Express matches routes case-insensitively and merges repeated slashes: so does the redaction. */
const SECRET_PATHS: readonly RegExp[] = [/^(\/+api\/+invitations\/+)(?!accept(?:$|[/?]))[^/?#]+/i];

function isSecretName(name: string): boolean {
  return SECRET_PARAMS.test(name.replace(/\[.*$/, ''));
}
export const REDACTED = '[redacted]';

/** The URL (path and query) with every secret replaced. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  let path = queryStart === -1 ? url : url.slice(0, queryStart);
  for (const pattern of SECRET_PATHS) path = path.replace(pattern, `$1${REDACTED}`);
  if (queryStart === -1) return path;
  const query = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=')[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A malformed name is logged as sent; it cannot name a secret we know.
      }
      return isSecretName(decoded) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

/** A referer is a full URL; only its path and query can carry our secrets. */
function redactReferer(referer: string): string {
  try {
    const parsed = new URL(referer);
    return `${parsed.origin}${redactUrl(parsed.pathname + parsed.search)}`;
  } catch {
    return REDACTED;
  }
}

function redactRecord(record: unknown): unknown {
  if (typeof record !== 'object' || record === null) return record;
  return Object.fromEntries(
    Object.entries(record).map(([name, value]) => [name, isSecretName(name) ? REDACTED : value]),
  );
}

interface SerializedRequest {
  url?: string;
  query?: unknown;
  params?: unknown;
  headers?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * pino-http's request serializer, after the standard one. Route parameters are left out: at the
 * time of logging they are a middleware's catch-all split of the path (already in `url`), and the
 * path may hold a secret.
 */
export function redactRequest(request: SerializedRequest): SerializedRequest {
  const { params: _params, ...rest } = request;
  const headers = rest.headers && { ...rest.headers };
  if (headers && typeof headers.referer === 'string') headers.referer = redactReferer(headers.referer);
  return {
    ...rest,
    ...(typeof rest.url === 'string' ? { url: redactUrl(rest.url) } : {}),
    ...(rest.query === undefined ? {} : { query: redactRecord(rest.query) }),
    ...(headers ? { headers } : {}),
  };
}

/** Paths pino censors wherever a log call passes such an object. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'req.body.password',
  'req.body.token',
  'body.password',
  'body.token',
  '*.password',
  '*.token',
  '*.secretLink',
];

/**
 * pino's `formatters.log`, for every line: a notice's delivery key ends in its recipient's address
 * (`password-reset:<id>|name@example.org`, outbox.service.ts). The part before `|` names the
 * notice well enough to find its outbox row; the address is personal data a log need not keep
 * (docs/privacy.md leaves log retention to operations).
 */
export function redactLogFields(object: Record<string, unknown>): Record<string, unknown> {
  const key = object.deliveryKey;
  if (typeof key !== 'string' || !key.includes('|')) return object;
  return { ...object, deliveryKey: `${key.slice(0, key.indexOf('|'))}|${REDACTED}` };
}
