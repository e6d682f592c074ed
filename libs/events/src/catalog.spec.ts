import { eventCatalog, findEventDefinition } from './catalog';
import { accountsEvents } from './catalog/accounts.events';
import { envelopeSchema } from './envelope';

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

  it('returns nothing for an unknown type', () => {
    expect(findEventDefinition('crm.accounts.Nope.v1')).toBeUndefined();
  });
});
