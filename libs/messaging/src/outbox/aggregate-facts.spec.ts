import { factsAbout } from './aggregate-facts';

describe('factsAbout', () => {
  it('names the tenant, the actor, and the aggregate with its version after the change', () => {
    const aggregate = { tenantId: 'tenant-1', id: 'order-7', version: 3, number: 'SO-1' };

    expect(factsAbout(aggregate, 'user-9')).toEqual({
      tenantId: 'tenant-1',
      actorId: 'user-9',
      aggregateId: 'order-7',
      aggregateVersion: 3,
    });
  });
});
