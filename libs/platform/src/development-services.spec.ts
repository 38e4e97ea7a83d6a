import { loadConfig } from '@kiezfonds/config';
import { developmentDatabaseOptions } from './development-services';

const options = (env: Record<string, string>) => developmentDatabaseOptions(env, loadConfig(env));
const SECRET = 'a-production-secret-of-at-least-32-characters';

describe('which PostgreSQL the development commands may use', () => {
  it('may embed in development, keeping the data in EMBEDDED_POSTGRES_DIR', () => {
    expect(options({})).toEqual({
      setting: 'DATABASE_URL',
      configuredUrl: undefined,
      defaultUrl: 'postgres://postgres@127.0.0.1:5432/kiezfonds',
      embedding: 'allowed',
      embedded: { dir: '.data/postgres', kind: 'durable' },
    });
    expect(options({ EMBEDDED_POSTGRES_DIR: '/srv/kf-pg' }).embedded.dir).toBe('/srv/kf-pg');
  });

  it('never embeds in production, even without DATABASE_URL', () => {
    expect(options({ NODE_ENV: 'production', SESSION_SECRET: SECRET }).embedding).toBe('never');
  });

  it('takes DATABASE_URL as configured, and an empty one as unset', () => {
    expect(options({ DATABASE_URL: 'postgres://kf@db:5432/kf' }).configuredUrl).toBe(
      'postgres://kf@db:5432/kf',
    );
    expect(options({ DATABASE_URL: '' }).configuredUrl).toBeUndefined();
  });
});
