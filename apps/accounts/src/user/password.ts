import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt with the cost stored beside each hash (`scrypt$N$r$p$salt$hash`, base64), so the cost can
 * be raised later without invalidating existing passwords. N = 2^15, r = 8 uses 32 MiB per hash:
 * above OWASP's minimum, and ~50 ms on a 2-core machine.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** A hash of a random password: checked against when there is no user, so timing does not reveal that. */
const UNMATCHABLE_HASH = hashPassword(randomBytes(32).toString('hex'));

/** Constant-time comparison; a null hash (no user, or no password set yet) never matches but costs the same. */
export async function verifyPassword(password: string, storedHash: string | null): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = (storedHash ?? (await UNMATCHABLE_HASH)).split('$');
  if (scheme !== 'scrypt' || !salt || !key)
    throw new Error('stored password hash is not in the scrypt format');
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return storedHash !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}
