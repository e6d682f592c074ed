import { createServiceDataSource, poolStats } from '../src';
import { createTestDatabase, type TestDatabase } from '@crm/testing';

describe('poolStats', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('pool_stats');
  });

  afterAll(async () => {
    await database.drop();
  });

  it('shows busy connections and requests queued behind a full pool', async () => {
    const { dataSource } = createServiceDataSource({
      url: database.ownerUrl,
      applicationName: 'pool-stats-test',
      entities: [],
      poolSize: 1,
    });
    await dataSource.initialize();
    try {
      let release: () => void = () => undefined;
      const held = dataSource.transaction(() => new Promise<void>((resolve) => (release = resolve)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const queued = dataSource.query('SELECT 1');
      await new Promise((resolve) => setTimeout(resolve, 50));

      expect(poolStats(dataSource)).toEqual({ total: 1, idle: 0, waiting: 1 });

      release();
      await Promise.all([held, queued]);
      expect(poolStats(dataSource)).toEqual({ total: 1, idle: 1, waiting: 0 });
    } finally {
      await dataSource.destroy();
    }
  });
});
