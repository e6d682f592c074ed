import { LinkSigner } from './link-token';

const signer = new LinkSigner('a-test-secret-a-test-secret-a-test-secret');
const tenant = '0193a0a0-0000-7000-8000-000000000001';
const account = '0193a0a0-0000-7000-8000-000000000002';
const campaign = '0193a0a0-0000-7000-8000-000000000003';

describe('signed link tokens', () => {
  it('round-trips the facts of each kind', () => {
    const unsubscribe = { k: 'unsubscribe', t: tenant, a: account, ch: 'EMAIL' } as const;
    expect(signer.verify('unsubscribe', signer.sign(unsubscribe))).toEqual(unsubscribe);
    const click = {
      k: 'click',
      t: tenant,
      c: campaign,
      a: account,
      u: 'https://shop.example/coffee',
    } as const;
    expect(signer.verify('click', signer.sign(click))).toEqual(click);
  });

  it('rejects a token signed with another secret, an altered payload and garbage', () => {
    const facts = { k: 'open', t: tenant, c: campaign, a: account } as const;
    const forged = new LinkSigner('another-secret-another-secret-another').sign(facts);
    expect(signer.verify('open', forged)).toBeNull();
    const [, mac] = signer.sign(facts).split('.');
    const altered = Buffer.from(JSON.stringify({ ...facts, a: campaign })).toString('base64url');
    expect(signer.verify('open', `${altered}.${mac}`)).toBeNull();
    for (const garbage of ['', 'abc', 'a.b.c', undefined, 42])
      expect(signer.verify('open', garbage)).toBeNull();
  });

  it('does not accept a token of one kind as another', () => {
    const open = signer.sign({ k: 'open', t: tenant, c: campaign, a: account });
    expect(signer.verify('click', open)).toBeNull();
    expect(signer.verify('unsubscribe', open)).toBeNull();
  });
});
