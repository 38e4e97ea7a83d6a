import type { Principal } from '../auth/principal';
import { mayAssignRole } from './role-rules';

const SPANDAU = '00000000-0000-4000-8000-000000000001';
const NEUKOELLN = '00000000-0000-4000-8000-000000000002';

function principal(roles: Principal['roles'], organisations: Principal['organisations'] = []): Principal {
  return {
    userId: '00000000-0000-4000-8000-0000000000aa',
    email: 'a@example.org',
    displayName: 'A',
    language: 'de',
    roles,
    organisations,
    via: 'session',
  };
}

describe('who may assign which role to an existing account', () => {
  const admin = principal([{ role: 'admin', districtId: SPANDAU }]);
  const coordinator = principal([{ role: 'coordinator', districtId: SPANDAU }]);
  const finance = principal([{ role: 'finance', districtId: SPANDAU }]);
  const carrier = principal([], [{ organisationId: '00000000-0000-4000-8000-0000000000bb', isAdmin: true }]);

  it('lets an admin assign every role in its own district, and knows nothing of another', () => {
    for (const role of ['admin', 'coordinator', 'finance', 'board_member'] as const) {
      expect(mayAssignRole(admin, role, SPANDAU)).toBe('allowed');
      expect(mayAssignRole(admin, role, NEUKOELLN)).toBe('not_found');
    }
  });

  it('lets a coordinator assign board members, finance staff and coordinators in its own district only', () => {
    expect(mayAssignRole(coordinator, 'board_member', SPANDAU)).toBe('allowed');
    expect(mayAssignRole(coordinator, 'finance', SPANDAU)).toBe('allowed');
    expect(mayAssignRole(coordinator, 'coordinator', SPANDAU)).toBe('allowed');
    expect(mayAssignRole(coordinator, 'admin', SPANDAU)).toBe('forbidden');
    expect(mayAssignRole(coordinator, 'finance', NEUKOELLN)).toBe('not_found');
  });

  it('lets nobody else assign anything', () => {
    expect(mayAssignRole(finance, 'board_member', SPANDAU)).toBe('forbidden');
    expect(mayAssignRole(carrier, 'board_member', SPANDAU)).toBe('forbidden');
  });
});
