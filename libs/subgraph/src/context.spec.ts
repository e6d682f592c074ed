import { requireCaller } from './context';
import { UnauthenticatedError } from './errors';

describe('requireCaller', () => {
  it('returns the verified caller', () => {
    const caller = { tenantId: 't', userId: 'u', roles: ['ADMIN' as const] };
    expect(requireCaller({ caller })).toBe(caller);
  });

  it('raises UNAUTHENTICATED when the request carried no valid token', () => {
    expect(() => requireCaller({ caller: null })).toThrow(UnauthenticatedError);
  });
});
