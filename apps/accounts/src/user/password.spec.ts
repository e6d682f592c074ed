import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    await expect(verifyPassword('correct horse battery staple', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapl', hash)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords do not give equal hashes', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('never matches a missing hash (no such user, or no password set yet)', async () => {
    await expect(verifyPassword('anything', null)).resolves.toBe(false);
  });

  it('treats Unicode-equivalent spellings of a password as the same password', async () => {
    const hash = await hashPassword('caf\u00E9-password'); // é precomposed
    await expect(verifyPassword('cafe\u0301-password', hash)).resolves.toBe(true); // e + combining accent
  });
});
