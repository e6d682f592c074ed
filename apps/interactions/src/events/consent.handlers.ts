import { ConsentChanged } from '@crm/events';
import { on, type EventHandlers } from '@crm/messaging';

/** The latest consent per account and channel; a late, older change never overrides a newer one. */
export const consentHandlers: EventHandlers = {
  ...on(ConsentChanged, async (manager, event) => {
    const { accountId, channel, state, changedAt } = event.data;
    await manager.query(
      `INSERT INTO "consents" ("tenant_id", "account_id", "channel", "state", "changed_at") VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("tenant_id", "account_id", "channel") DO UPDATE SET "state" = EXCLUDED."state", "changed_at" = EXCLUDED."changed_at"
       WHERE "consents"."changed_at" <= EXCLUDED."changed_at"`,
      [event.tenantid, accountId, channel, state, new Date(changedAt)],
    );
  }),
};
