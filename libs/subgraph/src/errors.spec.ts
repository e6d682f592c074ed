import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  UnauthenticatedError,
  assertExpectedVersion,
} from './errors';

describe('domain errors', () => {
  it('keep their code and per-field details, and are named for their class', () => {
    const error = new InvalidInputError([
      { field: 'input.emails[1]', message: 'is not an email address' },
      { field: 'input.name', message: 'is required for a COMPANY' },
    ]);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.name).toBe('InvalidInputError');
    expect(error.fields).toEqual([
      { field: 'input.emails[1]', message: 'is not an email address' },
      { field: 'input.name', message: 'is required for a COMPANY' },
    ]);
    expect(error.message).toBe(
      'input.emails[1]: is not an email address; input.name: is required for a COMPANY',
    );
  });

  it.each([
    [new NotFoundError('Account', 'a1'), 'NOT_FOUND', 'Account a1 not found'],
    [new ConflictError('stale'), 'CONFLICT', 'stale'],
    [new ForbiddenError(), 'FORBIDDEN', 'not allowed for your role'],
    [new UnauthenticatedError(), 'UNAUTHENTICATED', 'a valid access token is required'],
  ])('%s carries code %s', (error, code, message) => {
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.fields).toEqual([]);
  });
});

describe('assertExpectedVersion', () => {
  it('passes when the client did not ask for a version check', () => {
    expect(() => assertExpectedVersion('Account', 3, undefined)).not.toThrow();
    expect(() => assertExpectedVersion('Account', 3, null)).not.toThrow();
  });

  it('passes when the client edited the current version', () => {
    expect(() => assertExpectedVersion('Account', 3, 3)).not.toThrow();
  });

  it('raises CONFLICT when someone else changed the aggregate first', () => {
    expect(() => assertExpectedVersion('Account', 4, 3)).toThrow(
      new ConflictError('Account was changed by someone else: expected version 3, current is 4'),
    );
  });
});
