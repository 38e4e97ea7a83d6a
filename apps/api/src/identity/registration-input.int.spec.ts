import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';

function registration() {
  return {
    organisation: {
      name: 'Kiezküche Heerstraße e. V.',
      legalForm: 'e. V.',
      street: 'Heerstraße 400',
      postalCode: '13593',
      city: 'Berlin',
      legalRepresentatives: [{ name: 'Hanna Vogt', role: 'Vorstandsvorsitzende' }],
      vatDeductible: false,
    },
    user: {
      email: 'vorstand@kiezkueche.example',
      displayName: 'Hanna Vogt',
      language: 'de',
      password: PASSWORD,
    },
  };
}

describe('a registration whose parts are not objects', () => {
  let api: TestApi;
  let server: TestApi['server'];
  let ip = 10;

  beforeAll(async () => {
    api = await startTestApi();
    ({ server } = api);
  });

  afterAll(async () => {
    await api.close();
  });

  // Each request from its own client address, so the per-client limit never interferes.
  const register = (body: object) =>
    request(server).post('/api/registrations').set('X-Forwarded-For', `203.0.113.${ip++}`).send(body);

  it.each(['organisation', 'user'] as const)('answers a list as %s with 400 naming it', async (part) => {
    for (const value of [[], [{}], 'Kiezküche', 42]) {
      const res = await register({ ...registration(), [part]: value });
      expect({ value, status: res.status }).toEqual({ value, status: 400 });
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.details).toContainEqual(expect.objectContaining({ field: part, rule: 'isObject' }));
    }
  });
});
