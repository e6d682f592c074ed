import type { EntityManager } from 'typeorm';
import type { ImportMapping } from './import-mapping';
import type { ImportRowError } from './import-row-errors';

export type ImportJobStatus = 'RUNNING' | 'COMPLETED' | 'FAILED';

/** An import as the API shows it (the ImportJobModel type) plus what a resumed upload needs. */
export interface ImportJobModel {
  tenantId: string;
  id: string;
  idempotencyKey: string | null;
  status: ImportJobStatus;
  mapping: ImportMapping | null;
  runId: string;
  /** Data rows read and committed so far, valid or not: a resumed upload skips this many. */
  rowsCommitted: number;
  created: number;
  updated: number;
  failed: number;
  bytesRead: number;
  totalBytes: number | null;
  /** Bytes read of the total, when the upload said its size; 100 once completed. */
  percentDone: number | null;
  /** Rows per second of the current (or last) upload. */
  rowsPerSecond: number;
  failure: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

interface ImportJobRow {
  tenant_id: string;
  id: string;
  idempotency_key: string | null;
  status: ImportJobStatus;
  mapping: ImportMapping | null;
  run_id: string;
  run_started_at: Date;
  run_start_row: number;
  rows_committed: number;
  created_count: number;
  updated_count: number;
  failed_count: number;
  bytes_read: string;
  total_bytes: string | null;
  failure: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

function toImportJob(row: ImportJobRow): ImportJobModel {
  const bytesRead = Number(row.bytes_read);
  const totalBytes = row.total_bytes === null ? null : Number(row.total_bytes);
  const seconds = (row.updated_at.getTime() - row.run_started_at.getTime()) / 1000;
  const rowsThisRun = row.rows_committed - row.run_start_row;
  let percentDone: number | null = null;
  if (row.status === 'COMPLETED') percentDone = 100;
  else if (totalBytes) percentDone = Math.min(100, Math.round((bytesRead / totalBytes) * 1000) / 10);
  return {
    tenantId: row.tenant_id,
    id: row.id,
    idempotencyKey: row.idempotency_key,
    status: row.status,
    mapping: row.mapping,
    runId: row.run_id,
    rowsCommitted: row.rows_committed,
    created: row.created_count,
    updated: row.updated_count,
    failed: row.failed_count,
    bytesRead,
    totalBytes,
    percentDone,
    rowsPerSecond: seconds > 0 ? Math.round(rowsThisRun / seconds) : 0,
    failure: row.failure,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

async function oneJob(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<ImportJobModel | null> {
  const result: ImportJobRow[] | [ImportJobRow[], number] = await manager.query(sql, parameters);
  // TypeORM answers UPDATE … RETURNING with [rows, count], INSERT and SELECT with the rows.
  const [row] = Array.isArray(result[0]) ? result[0] : (result as ImportJobRow[]);
  return row ? toImportJob(row) : null;
}

export interface NewImportJob {
  tenantId: string;
  id: string;
  idempotencyKey: string | null;
  createdBy: string;
  mapping: ImportMapping | null;
  runId: string;
  totalBytes: number | null;
}

/** Null when the idempotency key is already taken (by a concurrent upload with the same key). */
export function insertImportJob(manager: EntityManager, job: NewImportJob): Promise<ImportJobModel | null> {
  return oneJob(
    manager,
    `INSERT INTO "import_jobs" ("tenant_id", "id", "idempotency_key", "created_by", "status", "mapping", "run_id",
       "run_started_at", "run_start_row", "total_bytes")
     VALUES ($1, $2, $3, $4, 'RUNNING', $5::jsonb, $6, now(), 0, $7)
     ON CONFLICT DO NOTHING RETURNING *`,
    [
      job.tenantId,
      job.id,
      job.idempotencyKey,
      job.createdBy,
      JSON.stringify(job.mapping),
      job.runId,
      job.totalBytes,
    ],
  );
}

export function findImportJob(
  manager: EntityManager,
  tenantId: string,
  key: { id: string } | { idempotencyKey: string },
): Promise<ImportJobModel | null> {
  return 'id' in key
    ? oneJob(manager, `SELECT * FROM "import_jobs" WHERE "tenant_id" = $1 AND "id" = $2`, [tenantId, key.id])
    : oneJob(manager, `SELECT * FROM "import_jobs" WHERE "tenant_id" = $1 AND "idempotency_key" = $2`, [
        tenantId,
        key.idempotencyKey,
      ]);
}

/** A new upload takes the job over: from now on only its batches may commit. */
export function takeOverImportJob(
  manager: EntityManager,
  job: ImportJobModel,
  runId: string,
  totalBytes: number | null,
): Promise<ImportJobModel | null> {
  return oneJob(
    manager,
    `UPDATE "import_jobs" SET "run_id" = $3, "run_started_at" = now(), "run_start_row" = "rows_committed",
       "status" = 'RUNNING', "failure" = NULL, "finished_at" = NULL, "bytes_read" = 0, "total_bytes" = $4,
       "updated_at" = now()
     WHERE "tenant_id" = $1 AND "id" = $2 AND "status" <> 'COMPLETED' RETURNING *`,
    [job.tenantId, job.id, runId, totalBytes],
  );
}

export interface BatchProgress {
  rowsCommitted: number;
  created: number;
  updated: number;
  failed: number;
  bytesRead: number;
}

/**
 * Records a batch in the batch's own transaction. Null when another upload has taken the job over
 * since: the caller must then roll the batch back.
 */
export function recordBatch(
  manager: EntityManager,
  job: ImportJobModel,
  progress: BatchProgress,
): Promise<ImportJobModel | null> {
  return oneJob(
    manager,
    `UPDATE "import_jobs" SET "rows_committed" = $4, "created_count" = "created_count" + $5,
       "updated_count" = "updated_count" + $6, "failed_count" = "failed_count" + $7, "bytes_read" = $8,
       "updated_at" = clock_timestamp()
     WHERE "tenant_id" = $1 AND "id" = $2 AND "run_id" = $3 RETURNING *`,
    [
      job.tenantId,
      job.id,
      job.runId,
      progress.rowsCommitted,
      progress.created,
      progress.updated,
      progress.failed,
      progress.bytesRead,
    ],
  );
}

export function finishImportJob(
  manager: EntityManager,
  job: ImportJobModel,
  outcome: { status: 'COMPLETED' | 'FAILED'; failure: string | null; bytesRead: number },
): Promise<ImportJobModel | null> {
  return oneJob(
    manager,
    `UPDATE "import_jobs" SET "status" = $4, "failure" = $5, "bytes_read" = $6, "updated_at" = clock_timestamp(),
       "finished_at" = clock_timestamp()
     WHERE "tenant_id" = $1 AND "id" = $2 AND "run_id" = $3 RETURNING *`,
    [job.tenantId, job.id, job.runId, outcome.status, outcome.failure, outcome.bytesRead],
  );
}

export async function insertImportErrors(
  manager: EntityManager,
  job: ImportJobModel,
  errors: readonly ImportRowError[],
): Promise<void> {
  if (errors.length === 0) return;
  const positions = new Map<number, number>();
  const rows = errors.map((error) => {
    const position = positions.get(error.row) ?? 0;
    positions.set(error.row, position + 1);
    return { row_number: error.row, position, column_name: error.column, message: error.message };
  });
  await manager.query(
    `INSERT INTO "import_job_errors" ("tenant_id", "job_id", "row_number", "position", "column_name", "message")
     SELECT $1, $2, "r"."row_number", "r"."position", "r"."column_name", "r"."message"
     FROM json_to_recordset($3::json) AS "r"("row_number" integer, "position" smallint, "column_name" text, "message" text)`,
    [job.tenantId, job.id, JSON.stringify(rows)],
  );
}

export async function selectImportErrors(
  manager: EntityManager,
  tenantId: string,
  jobId: string,
  limit: number,
): Promise<ImportRowError[]> {
  const rows: { row_number: number; column_name: string | null; message: string }[] = await manager.query(
    `SELECT "row_number", "column_name", "message" FROM "import_job_errors"
     WHERE "tenant_id" = $1 AND "job_id" = $2 ORDER BY "row_number", "position" LIMIT $3`,
    [tenantId, jobId, limit],
  );
  return rows.map((row) => ({ row: row.row_number, column: row.column_name, message: row.message }));
}
