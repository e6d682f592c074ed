import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import express from 'express';
import type { AccessRule, Caller, HttpRouteTools } from '@crm/subgraph';
import { answerFailure, authorizedCaller } from '../import/http-caller';
import {
  ACCOUNT_EXPORT_COLUMNS,
  CONTACT_EXPORT_COLUMNS,
  type CsvExportService,
  type CsvRecord,
} from './csv-export.service';

interface CsvDownload {
  path: string;
  fileName: string;
  columns: readonly string[];
  records: (service: CsvExportService, caller: Caller) => AsyncIterable<CsvRecord>;
}

const DOWNLOADS: readonly CsvDownload[] = [
  {
    path: '/exports/accounts.csv',
    fileName: 'accounts.csv',
    columns: ACCOUNT_EXPORT_COLUMNS,
    records: (service, caller) => service.accountRecords(caller.tenantId),
  },
  {
    path: '/exports/contacts.csv',
    fileName: 'contacts.csv',
    columns: CONTACT_EXPORT_COLUMNS,
    records: (service, caller) => service.contactRecords(caller.tenantId),
  },
];

/**
 * GET /exports/accounts.csv and /exports/contacts.csv: the caller's tenant, streamed as it is read
 * (UTF-8 with a BOM, so spreadsheet programs show Persian text correctly; lists joined with "; ").
 */
export function csvExportRoutes(
  service: CsvExportService,
  tools: HttpRouteTools,
  rule: AccessRule,
): express.Router {
  const router = express.Router();
  for (const download of DOWNLOADS) {
    router.get(download.path, async (request, response) => {
      let caller: Caller;
      try {
        caller = await authorizedCaller(tools, request, rule);
      } catch (error) {
        answerFailure(tools, response, error);
        return;
      }
      response.setHeader('content-type', 'text/csv; charset=utf-8');
      response.setHeader('content-disposition', `attachment; filename="${download.fileName}"`);
      try {
        await pipeline(
          Readable.from(download.records(service, caller)),
          stringify({ header: true, columns: [...download.columns], bom: true, cast: { boolean: String } }),
          response,
        );
      } catch (error) {
        // Usually the client went away. Headers are gone by now: a cut-off body is all a client sees.
        tools.logger.warn({ err: error, tenantId: caller.tenantId }, `${download.path} broke off`);
        response.destroy();
      }
    });
  }
  return router;
}
