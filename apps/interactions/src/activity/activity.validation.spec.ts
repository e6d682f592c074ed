import { FieldErrors } from '@crm/subgraph';
import type { LogActivityInput } from '../generated/graphql';
import { CHANNELS_BY_TYPE, rescheduledEnd, validateNewActivity } from './activity.validation';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const OWNER = '0190f7c2-0000-7000-8000-000000000001';

function validate(input: Partial<LogActivityInput>) {
  const errors = new FieldErrors('input');
  const fields = validateNewActivity(
    errors,
    {
      type: 'CALL',
      channel: 'PHONE',
      subject: 'Call',
      startsAt: new Date('2026-11-26T10:00:00.000Z'),
      ...input,
    },
    OWNER,
    NOW,
  );
  return { fields, errors: errors.list };
}

describe('validateNewActivity', () => {
  it('defaults the owner to the caller and the status from the start: past DONE, future PLANNED', () => {
    expect(validate({}).fields).toMatchObject({
      ownerId: OWNER,
      status: 'DONE',
      contactIds: [],
      direction: null,
    });
    expect(validate({ startsAt: new Date('2026-11-27T10:00:00.000Z') }).fields.status).toBe('PLANNED');
    expect(validate({ status: 'CANCELLED' }).fields.status).toBe('CANCELLED');
  });

  it.each([
    ['CALL', 'PHONE', true],
    ['CALL', 'EMAIL', false],
    ['MEETING', 'IN_PERSON', true],
    ['MEETING', 'SMS', false],
    ['EMAIL', 'EMAIL', true],
    ['EMAIL', 'WHATSAPP', false],
    ['MESSAGE', 'SMS', true],
    ['MESSAGE', 'IN_PERSON', false],
    ['NOTE', 'SYSTEM', true],
  ] as const)('%s over %s is allowed: %s', (type, channel, isAllowed) => {
    expect(validate({ type, channel }).errors.map((error) => error.field)).toEqual(
      isAllowed ? [] : ['input.channel'],
    );
    expect(CHANNELS_BY_TYPE[type].includes(channel)).toBe(isAllowed);
  });

  it.each<[string, Partial<LogActivityInput>, string]>([
    ['a blank subject', { subject: '  ' }, 'input.subject'],
    ['an end before the start', { endsAt: new Date('2026-11-26T09:00:00.000Z') }, 'input.endsAt'],
    ['an account id that is no id', { accountId: 'acme' }, 'input.accountId'],
    [
      'a bad contact id',
      { contactIds: ['0190f7c2-0000-7000-8000-000000000002', 'x'] },
      'input.contactIds[1]',
    ],
    ['a subject over 200 characters', { subject: 'x'.repeat(201) }, 'input.subject'],
  ])('reports %s on its field', (_case, input, field) => {
    expect(validate(input).errors.map((error) => error.field)).toEqual([field]);
  });

  it('lower-cases and de-duplicates contact ids', () => {
    const id = '0190F7C2-0000-7000-8000-00000000000A';
    expect(validate({ contactIds: [id, id.toLowerCase()] }).fields.contactIds).toEqual([id.toLowerCase()]);
  });
});

describe('rescheduledEnd', () => {
  it('keeps the length of an activity that had an end, and none for one without', () => {
    const activity = { startsAt: new Date('2026-11-26T10:00:00Z'), endsAt: new Date('2026-11-26T10:45:00Z') };
    expect(rescheduledEnd(activity, new Date('2026-11-27T08:00:00Z'))).toEqual(
      new Date('2026-11-27T08:45:00Z'),
    );
    expect(rescheduledEnd({ ...activity, endsAt: null }, new Date())).toBeNull();
  });
});
