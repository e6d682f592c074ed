import { renderTemplate, unknownMergeFields } from './message-template';

const values = { firstName: 'Sara', lastName: 'Ahmadi', displayName: 'Sara Ahmadi', city: 'Tehran' };

describe('message templates', () => {
  it.each([
    ['Hi {{firstName}}', 'Hi Sara'],
    ['Hi {{ firstName }} from {{city}}', 'Hi Sara from Tehran'],
    ['{{displayName}}/{{lastName}}', 'Sara Ahmadi/Ahmadi'],
    ['no fields', 'no fields'],
  ])('renders %j as %j', (template, expected) => {
    expect(renderTemplate(template, values)).toBe(expected);
  });

  it('falls back to the display name when the first name is unknown', () => {
    expect(renderTemplate('Dear {{firstName}}', { ...values, firstName: null })).toBe('Dear Sara Ahmadi');
    expect(renderTemplate('[{{city}}]', { ...values, city: null })).toBe('[]');
  });

  it('names every unknown merge field', () => {
    expect(unknownMergeFields('Hi {{firstName}} {{email}} {{ totalSpent }}')).toEqual([
      'email',
      'totalSpent',
    ]);
    expect(unknownMergeFields('Hi {{firstName}}')).toEqual([]);
  });
});
