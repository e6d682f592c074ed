import { payloadHash } from './payload-hash';

describe('payloadHash', () => {
  it('ignores key order and absent values', () => {
    expect(payloadHash({ a: 1, b: [{ x: 'y', z: null }], c: undefined })).toBe(
      payloadHash({ b: [{ z: null, x: 'y' }], a: 1 }),
    );
  });

  it('tells different payloads apart, including array order', () => {
    expect(payloadHash({ lines: [1, 2] })).not.toBe(payloadHash({ lines: [2, 1] }));
    expect(payloadHash({ quantity: 1 })).not.toBe(payloadHash({ quantity: '1' }));
  });
});
