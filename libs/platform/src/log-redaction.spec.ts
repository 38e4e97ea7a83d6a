import { REDACTED, redactRequest, redactUrl } from './log-redaction';

describe('log redaction', () => {
  it('removes one-time secrets from query strings and the invitation path', () => {
    expect(redactUrl('/passwort-zuruecksetzen?token=abc123')).toBe(
      `/passwort-zuruecksetzen?token=${REDACTED}`,
    );
    expect(redactUrl('/api/x?page=2&Token=geheim&q=a')).toBe(`/api/x?page=2&Token=${REDACTED}&q=a`);
    expect(redactUrl('/api/invitations/geheim-123')).toBe(`/api/invitations/${REDACTED}`);
    expect(redactUrl('/api/invitations/geheim-123?x=1')).toBe(`/api/invitations/${REDACTED}?x=1`);
    expect(redactUrl('/api/invitations/accept')).toBe('/api/invitations/accept');
    expect(redactUrl('/api/applications?page=1')).toBe('/api/applications?page=1');
  });

  it('removes credentials a client puts in the query under names of its own', () => {
    // A script following RFC 6750 sends its API token as `access_token`; the request line is
    // logged before any route decides that the name means nothing here.
    for (const name of [
      'access_token',
      'api_key',
      'apiKey',
      'client_secret',
      'csrf_token',
      'passwort',
      'pwd',
    ])
      expect(redactUrl(`/api/me?${name}=kf_pat_geheim&page=2`)).toBe(`/api/me?${name}=${REDACTED}&page=2`);
    // The query parser reads `token[]` and `token[a]` as the field `token`.
    expect(redactUrl('/x?token%5B%5D=geheim&token[a]=geheim')).toBe(
      `/x?token%5B%5D=${REDACTED}&token[a]=${REDACTED}`,
    );
    expect(redactUrl('/api/applications?page=1&pageSize=20&state=draft')).toBe(
      '/api/applications?page=1&pageSize=20&state=draft',
    );
  });

  it('removes the invitation secret however Express would route the path', () => {
    expect(redactUrl('/api/Invitations/geheim-123')).toBe(`/api/Invitations/${REDACTED}`);
    expect(redactUrl('/API/invitations/geheim-123')).toBe(`/API/invitations/${REDACTED}`);
    expect(redactUrl('//api//invitations/geheim-123')).toBe(`//api//invitations/${REDACTED}`);
    expect(redactUrl('/api/invitations/Accept')).toBe('/api/invitations/Accept');
  });

  it('cleans the serialized request: url, query and referer, and drops the params', () => {
    const cleaned = redactRequest({
      method: 'GET',
      url: '/api/invitations/s3cret',
      query: { token: 's3cret', page: '1' },
      params: { token: 's3cret' },
      headers: { referer: 'https://kiezfonds.example/einladung?token=s3cret', host: 'x' },
    });
    expect(JSON.stringify(cleaned)).not.toContain('s3cret');
    expect(cleaned.query).toEqual({ token: REDACTED, page: '1' });
    expect(cleaned).not.toHaveProperty('params');
    expect(cleaned.headers?.referer).toBe(`https://kiezfonds.example/einladung?token=${REDACTED}`);
  });
});
