import { eventCatalog, findEventDefinition } from './catalog';
import { accountsEvents } from './catalog/accounts.events';
import { envelopeSchema } from './envelope';
import { AccountErasureCompletedBy } from './catalog/erasure.events';
import { OrderPlaced } from './catalog/orders.events';
import { PUBLISHING_SERVICES } from './topics';

describe('event catalog', () => {
  it('finds every accounts event by its CloudEvents type', () => {
    for (const definition of accountsEvents) expect(findEventDefinition(definition.type)).toBe(definition);
  });

  it('holds only types and topics that the envelope schema and topic naming accept', () => {
    for (const [type, definition] of eventCatalog) {
      expect(envelopeSchema.shape.type.safeParse(type).success).toBe(true);
      expect(definition.topic).toBe(`crm.${definition.service}.events`);
    }
  });

  it('gives every publishing service its own erasure acknowledgement on its own topic', () => {
    for (const service of PUBLISHING_SERVICES) {
      const definition = AccountErasureCompletedBy[service];
      expect(findEventDefinition(`crm.${service}.AccountErasureCompleted.v1`)).toBe(definition);
      expect(definition.topic).toBe(`crm.${service}.events`);
    }
  });

  it('rejects money given as a float instead of integer minor units', () => {
    const money = { amountMinor: '12.50', currency: 'EUR' };
    const result = OrderPlaced.schema.safeParse({ total: money });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('amountMinor must be an integer in minor units');
  });

  it('returns nothing for an unknown type', () => {
    expect(findEventDefinition('crm.accounts.Nope.v1')).toBeUndefined();
  });
});
