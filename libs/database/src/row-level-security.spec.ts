import { applicationRole } from './row-level-security';

describe('applicationRole', () => {
  const original = process.env.CRM_APP_ROLE;
  afterEach(() => {
    if (original === undefined) delete process.env.CRM_APP_ROLE;
    else process.env.CRM_APP_ROLE = original;
  });

  it('is crm_app unless CRM_APP_ROLE names another', () => {
    delete process.env.CRM_APP_ROLE;
    expect(applicationRole()).toBe('crm_app');
    process.env.CRM_APP_ROLE = 'crm_app_staging';
    expect(applicationRole()).toBe('crm_app_staging');
  });

  it.each(['crm_app; DROP TABLE account', 'CrmApp', '"crm_app"', '1app'])(
    'refuses %j, which would be spliced into GRANT statements',
    (role) => {
      process.env.CRM_APP_ROLE = role;
      expect(() => applicationRole()).toThrow('CRM_APP_ROLE must be a plain SQL identifier');
    },
  );
});
