import { v7 as uuidv7 } from 'uuid';
import { ActivityService } from '../src/activity/activity.service';
import { TimelineService } from '../src/timeline/timeline.service';
import { startConsumerHarness, type ConsumerHarness } from './support/consumer-harness';
import {
  campaignOpened,
  dealMoved,
  orderFacts,
  orderShipped,
  paymentRecorded,
} from './support/event-builders';
import { aCall, newTenant } from './support/interactions-fixtures';
import {
  createInteractionsTestDatabase,
  type InteractionsTestDatabase,
} from './support/interactions-test-database';

let db: InteractionsTestDatabase;
let harness: ConsumerHarness;
let timeline: TimelineService;

beforeAll(async () => {
  db = await createInteractionsTestDatabase();
  harness = await startConsumerHarness(db);
  timeline = new TimelineService(db.database);
});

afterAll(async () => {
  await harness.stop();
  await db.close();
});

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));

describe('unified timeline', () => {
  it('mirrors pipeline, orders and marketing events once each, even delivered twice, newest first among activities', async () => {
    const rep = newTenant();
    const accountId = uuidv7();
    const order = orderFacts(accountId, '1042', 'B2B');
    const moved = dealMoved(rep.tenantId, accountId, 'Negotiation', day(3));
    const shipped = orderShipped(rep.tenantId, order, day(5));
    const paid = paymentRecorded(rep.tenantId, order, day(4));
    const opened = campaignOpened(rep.tenantId, accountId, day(1));
    await new ActivityService(db.database).logActivity(
      rep,
      aCall({ accountId, subject: 'Kick-off', startsAt: day(2) }),
    );

    // Out of order, and every event twice (a relay that crashed before marking them sent).
    await harness.publish(shipped, opened, moved, paid, shipped, moved, opened, paid);

    await harness.waitForDeliveries(8);
    const final = (await timeline.pagesByAccount(rep.tenantId, [accountId], 20, null))[0]?.edges ?? [];
    expect(final.map((edge) => [edge.node.kind, edge.node.summary])).toEqual([
      ['OrderStatusChanged', 'Order #1042 shipped — tracking ABC123 (Post)'],
      ['PaymentRecorded', 'Payment received for order #1042 (card)'],
      ['OpportunityStageChanged', "Deal 'Acme ERP rollout' moved to Negotiation"],
      ['CALL', 'Call: Kick-off'],
      ['CampaignMessageOpened', "Campaign 'Yalda sale' email opened"],
    ]);
    expect(final.map((edge) => edge.node.at)).toEqual([day(5), day(4), day(3), day(2), day(1)]);
  });
});
