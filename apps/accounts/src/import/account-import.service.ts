import { Readable, Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import { v7 as uuidv7 } from 'uuid';
import type { TenantScopedDatabase } from '@crm/database';
import { InvalidInputError, isUuid, type Caller } from '@crm/subgraph';
import { todayInUtc } from '../common/today';
import { requireTenant } from '../tenant/tenant.service';
import { importBatch, type ImportBatchContext } from './import-batch';
import {
  findImportJob,
  finishImportJob,
  insertImportErrors,
  insertImportJob,
  recordBatch,
  selectImportErrors,
  takeOverImportJob,
  type ImportJobModel,
} from './import-job';
import { resolveColumns, type ImportMapping, type ResolvedColumns } from './import-mapping';
import { readImportRow, type ImportRow } from './import-row';
import type { ImportRowError } from './import-row-errors';
import { ImportJobNotFoundError, ImportJobStartingError, ImportJobTakenOverError } from './import.errors';

export interface ImportSettings {
  /** Rows per transaction. */
  batchSize: number;
  /** Errors kept per job (the rows beyond are still counted as failed). */
  maxStoredErrorRows: number;
}

export const DEFAULT_IMPORT_SETTINGS: ImportSettings = { batchSize: 1000, maxStoredErrorRows: 10_000 };

export interface OpenImportRequest {
  mapping: ImportMapping | null;
  /** Resume this job (e.g. after a crash or a broken upload). */
  jobId?: string | null;
  /** The client's key for this import: the first upload creates the job, later ones resume it. */
  idempotencyKey?: string | null;
  /** The upload's size in bytes, when known (Content-Length): gives percentDone. */
  totalBytes?: number | null;
}

/** An opened job: `run` reads the CSV and imports what the job has not committed yet. */
export interface OpenedImport {
  job: ImportJobModel;
  isFinished: boolean;
}

const CSV_OPTIONS = {
  bom: true,
  relax_column_count: true,
  skip_empty_lines: true,
  max_record_size: 1024 * 1024,
} as const;

/** Counts the bytes flowing through, for the job's percentDone. */
class ByteCounter extends Transform {
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}

/**
 * Streaming CSV import of accounts (and a contact per row). The CSV is parsed as it arrives and
 * imported in batches, each in one transaction that also advances the job's `rowsCommitted`; so after
 * a crash or a broken upload, sending the same file again with the job id (or idempotency key) skips
 * exactly the committed rows: nothing is imported twice, nothing is lost.
 */
export class AccountImportService {
  constructor(
    private readonly database: TenantScopedDatabase,
    private readonly settings: ImportSettings = DEFAULT_IMPORT_SETTINGS,
  ) {}

  /** Creates the job, or takes over the one to resume (a completed one is returned as it is). */
  openImport(caller: Caller, request: OpenImportRequest): Promise<OpenedImport> {
    const runId = uuidv7();
    const totalBytes = request.totalBytes ?? null;
    return this.database.inTenant(caller.tenantId, async (manager) => {
      let existing: ImportJobModel | null = null;
      if (request.jobId) {
        existing = isUuid(request.jobId)
          ? await findImportJob(manager, caller.tenantId, { id: request.jobId })
          : null;
        if (!existing) throw new ImportJobNotFoundError(request.jobId);
      } else if (request.idempotencyKey) {
        existing = await findImportJob(manager, caller.tenantId, { idempotencyKey: request.idempotencyKey });
      }
      if (existing?.status === 'COMPLETED') return { job: existing, isFinished: true };
      if (existing) {
        const job = await takeOverImportJob(manager, existing, runId, totalBytes);
        if (!job) throw new ImportJobNotFoundError(existing.id);
        return { job, isFinished: false };
      }
      const job = await insertImportJob(manager, {
        tenantId: caller.tenantId,
        id: uuidv7(),
        idempotencyKey: request.idempotencyKey ?? null,
        createdBy: caller.userId,
        mapping: request.mapping,
        runId,
        totalBytes,
      });
      if (!job) throw new ImportJobStartingError(request.idempotencyKey ?? '');
      return { job, isFinished: false };
    });
  }

  /**
   * Reads the CSV to its end, importing the rows after `job.rowsCommitted`. Resolves with the job as
   * it ends: COMPLETED, or FAILED with the reason (a malformed file, a broken upload: resumable).
   * `onProgress` sees the job after every committed batch.
   */
  async runImport(
    caller: Caller,
    opened: ImportJobModel,
    source: Readable,
    onProgress: (job: ImportJobModel) => void = () => undefined,
  ): Promise<ImportJobModel> {
    let job = opened;
    const counter = new ByteCounter();
    const parser = source.pipe(counter).pipe(parse(CSV_OPTIONS));
    // A source that fails (the client went away) fails the parser, which ends the loop below.
    source.once('error', (error) => parser.destroy(error));
    const phoneRegion = await this.database.inTenant(
      caller.tenantId,
      async (manager) => (await requireTenant(manager, caller.tenantId)).phoneRegion,
    );
    let context: ImportBatchContext | null = null;
    let rowNumber = 0;
    let rows: ImportRow[] = [];
    const commit = async () => {
      if (!context || rows.length === 0) return;
      job = await this.commitBatch(job, context, rows, counter.bytes);
      rows = [];
      onProgress(job);
    };
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        if (!context) {
          const columns = resolveColumns(record, job.mapping);
          if (typeof columns === 'string') return await this.finish(job, 'FAILED', columns, counter.bytes);
          context = this.batchContext(caller, phoneRegion, columns);
          continue;
        }
        rowNumber += 1;
        if (rowNumber <= job.rowsCommitted) continue;
        rows.push(readImportRow(record, rowNumber, context.columns));
        if (rows.length >= this.settings.batchSize) await commit();
      }
      await commit();
    } catch (error) {
      if (error instanceof ImportJobTakenOverError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      return this.finish(job, 'FAILED', `stopped after row ${job.rowsCommitted}: ${reason}`, counter.bytes);
    } finally {
      source.unpipe(counter);
      source.resume(); // drain what is left, so the client is not left hanging on a full socket
    }
    if (!context) return this.finish(job, 'FAILED', 'the file has no header row', counter.bytes);
    return this.finish(job, 'COMPLETED', null, counter.bytes);
  }

  /** importAccountsCsv: a small file given whole, through the same path as an upload. */
  async importCsvText(
    caller: Caller,
    csv: string,
    mapping: ImportMapping | null,
  ): Promise<{ job: ImportJobModel; errors: ImportRowError[] }> {
    const { job } = await this.openImport(caller, { mapping, totalBytes: Buffer.byteLength(csv) });
    const finished = await this.runImport(caller, job, Readable.from([Buffer.from(csv)]));
    if (finished.status === 'FAILED') {
      throw new InvalidInputError([{ field: 'csv', message: finished.failure ?? 'could not be imported' }]);
    }
    return {
      job: finished,
      errors: await this.errorsOf(caller.tenantId, finished.id, this.settings.maxStoredErrorRows),
    };
  }

  findJob(tenantId: string, id: string): Promise<ImportJobModel | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.database.inTenant(tenantId, (manager) => findImportJob(manager, tenantId, { id }));
  }

  errorsOf(tenantId: string, jobId: string, limit: number): Promise<ImportRowError[]> {
    return this.database.inTenant(tenantId, (manager) => selectImportErrors(manager, tenantId, jobId, limit));
  }

  private batchContext(caller: Caller, phoneRegion: string, columns: ResolvedColumns): ImportBatchContext {
    return { tenantId: caller.tenantId, actorId: caller.userId, phoneRegion, today: todayInUtc(), columns };
  }

  /** Imports a batch and advances the job, in one transaction. */
  private commitBatch(
    job: ImportJobModel,
    context: ImportBatchContext,
    rows: readonly ImportRow[],
    bytesRead: number,
  ): Promise<ImportJobModel> {
    return this.database.inTenant(job.tenantId, async (manager) => {
      // One import batch at a time per tenant: rows matched by email cannot race another import.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('accounts-import'), hashtext($1))`, [
        job.tenantId,
      ]);
      const outcome = await importBatch(manager, context, rows);
      const storableRows = Math.max(0, this.settings.maxStoredErrorRows - job.failed);
      const storedRows = new Set(
        [...new Set(outcome.errors.map((error) => error.row))].slice(0, storableRows),
      );
      await insertImportErrors(
        manager,
        job,
        outcome.errors.filter((error) => storedRows.has(error.row)),
      );
      const recorded = await recordBatch(manager, job, {
        rowsCommitted: rows.at(-1)?.rowNumber ?? job.rowsCommitted,
        created: outcome.created,
        updated: outcome.updated,
        failed: outcome.failed,
        bytesRead,
      });
      // Thrown inside the transaction, so the batch rolls back.
      if (!recorded) throw new ImportJobTakenOverError(job.id);
      return recorded;
    });
  }

  private async finish(
    job: ImportJobModel,
    status: 'COMPLETED' | 'FAILED',
    failure: string | null,
    bytesRead: number,
  ): Promise<ImportJobModel> {
    const finished = await this.database.inTenant(job.tenantId, (manager) =>
      finishImportJob(manager, job, { status, failure, bytesRead }),
    );
    if (!finished) throw new ImportJobTakenOverError(job.id);
    return finished;
  }
}
