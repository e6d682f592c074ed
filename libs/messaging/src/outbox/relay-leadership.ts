import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Leadership among a service's relay instances: a PostgreSQL session-level advisory lock held on a
 * connection of its own. Only one session can hold it; if the leader's process dies its connection
 * closes and the server releases the lock, so a waiting instance takes over without any lease to
 * tune. Advisory locks are per database, and each service has its own database.
 */
export class RelayLeadership {
  private connection: QueryRunner | undefined;

  constructor(
    private readonly dataSource: DataSource,
    readonly lockName: string,
  ) {}

  get isHeld(): boolean {
    return this.connection !== undefined;
  }

  /** Takes the lock if no other session holds it; never waits. */
  async tryAcquire(): Promise<boolean> {
    if (this.connection) return true;
    const connection = this.dataSource.createQueryRunner();
    try {
      const [row] = await connection.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS "acquired"`, [
        this.lockName,
      ]);
      if (row?.acquired === true) {
        this.connection = connection;
        return true;
      }
    } catch (error) {
      await connection.release();
      throw error;
    }
    await connection.release();
    return false;
  }

  /**
   * True while the lock's connection is alive (a live session still holds its locks). A dead one
   * means another instance may already lead, so the caller must stop publishing.
   */
  async confirm(): Promise<boolean> {
    if (!this.connection) return false;
    try {
      await this.connection.query(`SELECT 1`);
      return true;
    } catch {
      await this.forget();
      return false;
    }
  }

  async release(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    this.connection = undefined;
    try {
      // Unlock before handing the connection back: the pool would otherwise keep the lock alive.
      await connection.query(`SELECT pg_advisory_unlock(hashtext($1))`, [this.lockName]);
    } finally {
      await connection.release();
    }
  }

  private async forget(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (!connection) return;
    // If the session is somehow still alive, it must not go back to the pool holding the lock.
    await connection.query(`SELECT pg_advisory_unlock(hashtext($1))`, [this.lockName]).catch(() => undefined);
    await connection.release();
  }
}
