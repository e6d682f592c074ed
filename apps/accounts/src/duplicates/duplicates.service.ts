import type { TenantScopedDatabase } from '@crm/database';
import { isUuid, type Caller } from '@crm/subgraph';
import { AccountEntity } from '../account/account.entity';
import { AccountNotFoundError } from '../account/account.errors';
import { currentAccountId } from '../merge/merge.store';
import { duplicateNameKey } from './duplicate-name';
import { scoreDuplicate, type DuplicateEvidence } from './duplicate-scoring';

export interface DuplicateCandidateModel {
  account: AccountEntity;
  score: number;
  reasons: string[];
}

export const MAX_DUPLICATE_CANDIDATES = 20;
/** Similar names looked at per check, most similar first (exact evidence is never capped). */
const SIMILAR_NAMES_EXAMINED = 100;

export class DuplicatesService {
  constructor(private readonly database: TenantScopedDatabase) {}

  /** A merged id is checked as its survivor. Archived (and so merged) accounts are no candidates. */
  duplicateAccounts(caller: Caller, accountId: string): Promise<DuplicateCandidateModel[]> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      if (!isUuid(accountId)) throw new AccountNotFoundError(accountId);
      const id = await currentAccountId(manager, caller.tenantId, accountId);
      const target = await manager.findOne(AccountEntity, { where: { tenantId: caller.tenantId, id } });
      if (!target) throw new AccountNotFoundError(accountId);

      const evidence = evidenceOf(target);
      const candidates = await manager
        .createQueryBuilder(AccountEntity, 'account')
        .where('account.tenantId = :tenantId AND account.id <> :id AND account.archivedAt IS NULL', {
          tenantId: caller.tenantId,
          id: target.id,
        })
        .andWhere(
          `account.id IN (SELECT "account_duplicate_candidate_ids"(:nameKey, :emails::text[], :phones::text[], :registrationNumber, :taxId, :nameLimit))`,
          {
            nameKey: duplicateNameKey(target.displayName),
            emails: evidence.emails,
            phones: evidence.phones,
            registrationNumber: evidence.registrationNumber,
            taxId: evidence.taxId,
            nameLimit: SIMILAR_NAMES_EXAMINED,
          },
        )
        .getMany();
      return candidates
        .flatMap((account) => {
          const match = scoreDuplicate(evidence, evidenceOf(account));
          return match ? [{ account, ...match }] : [];
        })
        .sort((a, b) => b.score - a.score || a.account.id.localeCompare(b.account.id))
        .slice(0, MAX_DUPLICATE_CANDIDATES);
    });
  }
}

function evidenceOf(account: AccountEntity): DuplicateEvidence {
  const personName = [account.firstName, account.lastName].filter((part) => part).join(' ');
  return {
    names: [account.displayName, account.legalName ?? '', personName],
    emails: account.emails,
    phones: account.phones,
    registrationNumber: account.registrationNumber,
    taxId: account.taxId,
  };
}
