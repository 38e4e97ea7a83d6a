import { apiBasePath, apiRequest, type ApiRequestOptions } from './client';
import type { components, paths } from './schema';

/*
 * Calls typed by the OpenAPI document: routes, path and query parameters, request bodies and
 * answers all come from schema.d.ts, which `npm run api:types` generates from the API's
 * controllers and DTOs. The call itself goes through `apiRequest`, so the CSRF token, the retry
 * with a fresh token, the end-of-session signal and `ApiError` stay in one place (client.ts).
 * openapi-fetch would have brought its own request and error handling for the same job.
 */

/** The DTOs of the API, by class name (`Schemas['NextStepDto']`). */
export type Schemas = components['schemas'];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Route = keyof paths;
/** The routes that answer `method` (the generated type marks the others `?: never`). */
export type RoutesWith<M extends Method> = {
  [R in Route]: paths[R] extends { [K in M]: unknown } ? R : never;
}[Route];
type Operation<M extends Method, R extends RoutesWith<M>> = paths[R][M];

type SuccessStatus = 200 | 201 | 202 | 204;
type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : undefined;
/** What the operation answers on success: the JSON body, `undefined` without one. */
export type Answer<Op> = Op extends { responses: infer Responses }
  ? { [S in keyof Responses & SuccessStatus]: JsonOf<Responses[S]> }[keyof Responses & SuccessStatus]
  : never;
type BodyOf<Op> = Op extends { requestBody?: infer Request }
  ? [NonNullable<Request>] extends [never]
    ? never
    : NonNullable<Request> extends { content: { 'application/json': infer Body } }
      ? Body
      : NonNullable<Request> extends { content: { 'multipart/form-data': unknown } }
        ? FormData
        : never
  : never;
type ParametersOf<Op, Where extends 'path' | 'query'> = Op extends { parameters: { [K in Where]?: infer P } }
  ? P
  : never;

/** Path parameters are required exactly when the route has `{placeholders}`. */
type PathOption<Op, R> = R extends `${string}{${string}}${string}`
  ? { path: NonNullable<ParametersOf<Op, 'path'>> }
  : { path?: never };
type QueryOption<Op> = [NonNullable<ParametersOf<Op, 'query'>>] extends [never]
  ? { query?: never }
  : { query?: NonNullable<ParametersOf<Op, 'query'>> };
type BodyOption<Op> = [BodyOf<Op>] extends [never] ? { body?: never } : { body: BodyOf<Op> | FormData };

export type CallOptions<Op, R> = Omit<ApiRequestOptions, 'method' | 'body'> &
  PathOption<Op, R> &
  QueryOption<Op> &
  BodyOption<Op>;

type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/** The route with its placeholders filled in and the query appended, without the `/api` prefix. */
export function routeUrl(
  route: string,
  path: Record<string, string | number> = {},
  query: Record<string, QueryValue> = {},
): string {
  const filled = route.slice(apiBasePath.length).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = path[name];
    if (value === undefined) throw new TypeError(`Missing path parameter "${name}" for ${route}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}

/** Calls `method route` as the OpenAPI document describes it; rejects with `ApiError`. */
export function callApi<M extends Method, R extends RoutesWith<M>>(
  method: M,
  route: R,
  ...[options]: object extends CallOptions<Operation<M, R>, R>
    ? [options?: CallOptions<Operation<M, R>, R>]
    : [options: CallOptions<Operation<M, R>, R>]
): Promise<Answer<Operation<M, R>>> {
  const { path, query, body, ...rest } = (options ?? {}) as {
    path?: Record<string, string | number>;
    query?: Record<string, QueryValue>;
    body?: unknown;
  } & Omit<ApiRequestOptions, 'method' | 'body'>;
  return apiRequest(routeUrl(route, path, query), {
    ...rest,
    method: method.toUpperCase() as ApiRequestOptions['method'],
    body,
  });
}
