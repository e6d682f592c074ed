import { createKafka } from '@crm/messaging';
import { createLogger } from '@crm/subgraph';
import { rebuildReadModel, type RebuildProgress } from '../src/rebuild/rebuild-read-model';
import { AnalyticsHarness } from './support/analytics-harness';
import { duplicatedAndShuffled, generateGoldenDataset, type SalesModel } from './support/golden-dataset';
import {
  expectedFigures,
  expectedProductSales,
  queryFigures,
  queryProductSales,
} from './support/golden-queries';

jest.setTimeout(300_000);

const MODELS: Array<SalesModel | null> = [null, 'B2B', 'B2C'];

describe('golden figures: every metric equals the same figure computed independently from the generated data', () => {
  const now = new Date();
  const data = generateGoldenDataset(20250321, now);
  const harnesses: AnalyticsHarness[] = [];

  afterAll(async () => {
    for (const harness of harnesses) await harness.stop();
  });

  async function projected(events: typeof data.events): Promise<AnalyticsHarness> {
    const harness = await AnalyticsHarness.start();
    harnesses.push(harness);
    await harness.publish(events);
    await harness.startConsumer();
    await harness.waitUntilCaughtUp();
    return harness;
  }

  it('matches for B2B, B2C and combined when each event arrives once, in business-time order', async () => {
    const harness = await projected(data.events);
    for (const salesModel of MODELS) {
      expect(await queryFigures(harness, data, salesModel)).toEqual(expectedFigures(data, salesModel, now));
    }
  });

  it('adds up: B2B + B2C revenue, orders and closed deals equal the combined figures', async () => {
    const harness = harnesses[0];
    type Figures = {
      monthly: { total: { amountMinor: string }; orders: number };
      dealMetrics: { won: number; lost: number };
    };
    const [combined, b2b, b2c] = (await Promise.all(
      MODELS.map((salesModel) => queryFigures(harness, data, salesModel)),
    )) as Figures[];
    expect(BigInt(b2b.monthly.total.amountMinor) + BigInt(b2c.monthly.total.amountMinor)).toBe(
      BigInt(combined.monthly.total.amountMinor),
    );
    expect(b2b.monthly.orders + b2c.monthly.orders).toBe(combined.monthly.orders);
    expect(b2b.dealMetrics.won + b2c.dealMetrics.won).toBe(combined.dealMetrics.won);
    expect(b2b.dealMetrics.lost + b2c.dealMetrics.lost).toBe(combined.dealMetrics.lost);
    expect(BigInt(combined.monthly.total.amountMinor)).toBeGreaterThan(0n);
  });

  it('answers a productId filter (from the facts) with the figures of the orders that include the product', async () => {
    const productId = data.orders[0].productIds[0];
    expect(await queryProductSales(harnesses[0], data, productId)).toEqual(
      expectedProductSales(data, productId),
    );
  });

  it('gives the same figures when every event is delivered twice and shuffled across topics', async () => {
    const harness = await projected(duplicatedAndShuffled(data.events, 1404));
    for (const salesModel of MODELS) {
      expect(await queryFigures(harness, data, salesModel)).toEqual(expectedFigures(data, salesModel, now));
    }
  });

  it('rebuilds from a replay of the topics to the same figures, and the live consumer goes on from there', async () => {
    const harness = harnesses[0];
    // Damage the live read model: a rebuild must not depend on what is there.
    await harness.ownerQuery(`DELETE FROM "daily_sales"`);
    const progress: RebuildProgress[] = [];
    const report = await rebuildReadModel({
      ownerDatabaseUrl: harness.testDatabase.ownerUrl,
      kafka: createKafka({
        brokers: ['127.0.0.1:9092'],
        clientId: 'rebuild-test',
        logger: createLogger('kafka', 'silent'),
      }),
      topicPrefix: harness.topicPrefix,
      defaultTimeZone: 'UTC',
      logger: createLogger('rebuild', 'silent'),
      onProgress: (step) => progress.push(step),
      progressEveryMs: 200,
    });
    expect(report.replayedMessages).toBe(data.events.length);
    expect(progress.at(-1)).toEqual({
      phase: 'done',
      replayed: data.events.length,
      total: data.events.length,
    });
    for (const salesModel of MODELS) {
      expect(await queryFigures(harness, data, salesModel)).toEqual(expectedFigures(data, salesModel, now));
    }

    // Replaying the same events again through the live consumer changes nothing (its inbox came along).
    await harness.publish(data.events.slice(0, 200));
    await harness.waitUntilCaughtUp();
    expect(await queryFigures(harness, data, null)).toEqual(expectedFigures(data, null, now));
  });
});
