import { CreateDateColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * Timestamps are kept to the millisecond (`timestamptz(3)`), the precision of a JS Date, so a
 * value read back and put into a pagination cursor compares equal to the stored one.
 */
export const CreatedAtColumn = () =>
  CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 });
export const UpdatedAtColumn = () =>
  UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 });
/** Optimistic concurrency: bumped by every update, compared with `expectedVersion`. */
export const AggregateVersionColumn = () => VersionColumn({ type: 'integer' });
