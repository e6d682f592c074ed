import { postgresUrl } from './postgres-url';

describe('postgresUrl', () => {
  it.each(['postgres://crm_app@127.0.0.1:5432/crm', 'postgresql://user:secret@db/crm?sslmode=require'])(
    'accepts %s',
    (url) => {
      expect(postgresUrl.parse(url)).toBe(url);
    },
  );

  it.each(['mysql://db/crm', 'db:5432/crm', ''])('rejects %j as not a postgres:// URL', (url) => {
    expect(postgresUrl.safeParse(url).error?.issues.map((issue) => issue.message)).toEqual([
      'must be a postgres:// URL',
    ]);
  });
});
