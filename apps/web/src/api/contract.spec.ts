/// <reference types="jest" />
import { type Answer, callApi, routeUrl, type Schemas } from './contract';
import type { paths } from './schema';

describe('routes of the OpenAPI document as URLs', () => {
  it('fills the placeholders, encoded, and drops the /api prefix that apiRequest adds', () => {
    expect(routeUrl('/api/applications/{id}/versions/{number}', { id: 'a b/c', number: 3 })).toBe(
      '/applications/a%20b%2Fc/versions/3',
    );
  });

  it('appends the query without empty values, lists as repeated keys', () => {
    expect(routeUrl('/api/applications', {}, { state: 'draft', q: '', page: 2, cursor: undefined })).toBe(
      '/applications?state=draft&page=2',
    );
    expect(routeUrl('/api/areas', {}, { ids: ['a', 'b'] })).toBe('/areas?ids=a&ids=b');
  });

  it('refuses a route whose placeholder has no value', () => {
    expect(() => routeUrl('/api/applications/{id}', {})).toThrow('Missing path parameter "id"');
  });
});

/*
 * Checked by the web's typecheck, never run: the calls are typed by the generated document.
 * Each @ts-expect-error fails the typecheck if the line it guards stops being an error.
 */
export function typedCallsForTheCompiler() {
  const steps: Promise<Schemas['NextStepsDto']> = callApi('get', '/api/home/next-steps');
  // @ts-expect-error a route the API does not have
  void callApi('get', '/api/no-such-route');
  // @ts-expect-error the route has an {id}: the path parameter is required
  void callApi('get', '/api/applications/{id}');
  // @ts-expect-error next-steps takes no body
  void callApi('get', '/api/home/next-steps', { body: {} });
  const answer: Answer<paths['/api/public/projects']['get']> = { projects: [] };
  return [steps, answer];
}
