import { ValidationError } from '@kiezfonds/domain';
import type { Principal } from '../auth/principal';
import { grantFrom, mayGrant } from './grants';

const SPANDAU = 'd-spandau';
const MITTE = 'd-mitte';
const ORG = 'o-kiezkueche';

function principal(overrides: Partial<Principal>): Principal {
  return {
    userId: 'u-1',
    email: 'p@example.org',
    displayName: 'P',
    language: 'de',
    roles: [],
    organisations: [],
    via: 'session',
    ...overrides,
  };
}

describe('who may grant what by invitation', () => {
  const coordinator = principal({ roles: [{ role: 'coordinator', districtId: SPANDAU }] });
  const admin = principal({ roles: [{ role: 'admin', districtId: SPANDAU }] });
  const orgAdmin = principal({ organisations: [{ organisationId: ORG, isAdmin: true }] });
  const orgMember = principal({ organisations: [{ organisationId: ORG, isAdmin: false }] });

  it('lets a coordinator staff the own district, but not make admins', () => {
    for (const role of ['board_member', 'finance', 'coordinator'] as const)
      expect(mayGrant(coordinator, { role, districtId: SPANDAU })).toBe('allowed');
    expect(mayGrant(coordinator, { role: 'admin', districtId: SPANDAU })).toBe('forbidden');
  });

  it('lets an admin grant every district role, in the own district only', () => {
    expect(mayGrant(admin, { role: 'admin', districtId: SPANDAU })).toBe('allowed');
    expect(mayGrant(admin, { role: 'board_member', districtId: MITTE })).toBe('not_found');
  });

  it('lets only an organisation admin bring in colleagues, to the own organisation', () => {
    expect(mayGrant(orgAdmin, { role: 'carrier', organisationId: ORG })).toBe('allowed');
    expect(mayGrant(orgMember, { role: 'carrier', organisationId: ORG })).toBe('forbidden');
    expect(mayGrant(orgAdmin, { role: 'carrier', organisationId: 'o-other' })).toBe('not_found');
    expect(mayGrant(coordinator, { role: 'carrier', organisationId: ORG })).toBe('forbidden');
  });

  it('refuses staff roles to carriers outright', () => {
    expect(mayGrant(orgAdmin, { role: 'board_member', districtId: SPANDAU })).toBe('forbidden');
  });

  it('reads the grant from the request, naming a missing or superfluous scope', () => {
    expect(grantFrom({ role: 'finance', districtId: SPANDAU })).toEqual({
      role: 'finance',
      districtId: SPANDAU,
    });
    expect(grantFrom({ role: 'carrier', organisationId: ORG })).toEqual({
      role: 'carrier',
      organisationId: ORG,
    });
    expect(() => grantFrom({ role: 'carrier', districtId: SPANDAU })).toThrow(ValidationError);
    const details = (() => {
      try {
        grantFrom({ role: 'admin', organisationId: ORG });
        return [];
      } catch (error) {
        return (error as ValidationError).details;
      }
    })();
    expect(details).toEqual([
      { field: 'districtId', rule: 'required' },
      { field: 'organisationId', rule: 'unknown_field' },
    ]);
  });
});
