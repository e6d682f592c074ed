import { Pacer } from './pacer';

describe('Pacer', () => {
  it('spaces operations 1/rate apart and lets an idle pacer start at once', () => {
    let now = 1_000;
    const pacer = new Pacer(4, () => now);
    expect([pacer.reserve(), pacer.reserve(), pacer.reserve()]).toEqual([0, 250, 500]);
    now += 10_000;
    expect(pacer.reserve()).toBe(0);
  });
});
