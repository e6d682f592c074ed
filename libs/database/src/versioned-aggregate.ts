import { CreateDateColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * The columns every aggregate of this service carries. Timestamps are kept to the millisecond
 * (`timestamptz(3)`), the precision of a JS Date, so a value read back and put into a pagination
 * cursor compares equal to the stored one.
 */
export abstract class VersionedAggregate {
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  /** Optimistic concurrency: bumped by every update, compared with `expectedVersion`. */
  @VersionColumn({ type: 'integer' })
  version!: number;
}
