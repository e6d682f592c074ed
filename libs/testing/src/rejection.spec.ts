import { rejectionOf } from './rejection';

describe('rejectionOf', () => {
  it('returns the code, message and field errors of a rejection', async () => {
    const error = Object.assign(new Error('input.name: must not be blank'), {
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.name', message: 'must not be blank' }],
    });
    expect(await rejectionOf(Promise.reject(error))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'input.name: must not be blank',
      fields: [{ field: 'input.name', message: 'must not be blank' }],
    });
  });

  it('marks a rejection that is no domain error', async () => {
    expect(await rejectionOf(Promise.reject(new TypeError('boom')))).toEqual({
      code: 'NOT_A_DOMAIN_ERROR',
      message: 'boom',
      fields: [],
    });
  });

  it('fails when the promise resolves', async () => {
    await expect(rejectionOf(Promise.resolve(1))).rejects.toThrow('expected the promise to reject');
  });
});
