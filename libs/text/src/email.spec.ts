import { isValidEmail, normalizeEmail } from './email';

describe('normalizeEmail', () => {
  it.each([
    ['  Ali.Rezaei@Example.COM ', 'ali.rezaei@example.com'],
    ['sara۱۲@example.ir', 'sara12@example.ir'],
    ['already@normal.org', 'already@normal.org'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });
});

describe('isValidEmail', () => {
  it.each([
    'ali@example.com',
    'ali.rezaei+crm@mail.example.co.uk',
    "o'brien@example.ie",
    'x@a-b.io',
    'user_1@xn--mgbai9azgqp6j.xn--mgba3a4f16a',
  ])('accepts %j', (email) => {
    expect(isValidEmail(email)).toBe(true);
  });

  it.each([
    ['no @', 'ali.example.com'],
    ['no local part', '@example.com'],
    ['no dot in the domain', 'ali@localhost'],
    ['numeric top-level label', 'ali@10.0.0.1'],
    ['two dots in a row', 'ali..rezaei@example.com'],
    ['leading dot', '.ali@example.com'],
    ['space inside', 'ali rezaei@example.com'],
    ['two @', 'ali@x@example.com'],
    ['label starting with a hyphen', 'ali@-example.com'],
    ['empty label', 'ali@example..com'],
    ['local part over 64 characters', `${'a'.repeat(65)}@example.com`],
    ['over 254 characters', `a@${'b'.repeat(250)}.com`],
  ])('rejects %s: %j', (_case, email) => {
    expect(isValidEmail(email)).toBe(false);
  });
});
