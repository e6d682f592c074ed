import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { isUniqueViolation, type TenantScopedDatabase } from '@crm/database';
import {
  type Caller,
  canonicalUuid,
  FieldErrors,
  inRequestedOrder,
  InvalidInputError,
  queryableIds,
  isUuid,
  LIMITS,
  optionalText,
  requiredText,
} from '@crm/subgraph';
import { requireAccountProfile } from '../account-profile/account-profile.query';
import { updateAggregate } from '../common/aggregate-update';
import type { SalesModel } from '../common/enums';
import { money, parseMinorUnits, type Money } from '../common/money';
import { publishPriceListUpdated } from '../events/publishers';
import { ProductEntity } from '../product/product.entity';
import { PriceEntryEntity } from './price-entry.entity';
import { PriceListEntity } from './price-list.entity';
import { PriceListNotFoundError } from './price-list.errors';
import { entriesOfList, loadCandidateLists } from './price-list.query';
import { resolvePrice } from './price-resolution';

export interface CreatePriceListArgs {
  name: string;
  salesModel: SalesModel;
  tier?: string | null;
  currency: string;
  taxInclusive: boolean;
  isDefault: boolean;
}

const CURRENCY = /^[A-Z]{3}$/;
const MAX_QUANTITY = 1_000_000;

export class PriceListService {
  constructor(private readonly database: TenantScopedDatabase) {}

  /** A new default list takes over from the model's previous default, which is republished. */
  async createPriceList(caller: Caller, args: CreatePriceListArgs): Promise<PriceListEntity> {
    const errors = new FieldErrors();
    const name = requiredText(errors, 'name', args.name, LIMITS.name);
    const tier = optionalText(errors, 'tier', args.tier, LIMITS.shortText);
    const currency = args.currency.trim().toUpperCase();
    if (!CURRENCY.test(currency)) errors.add('currency', 'must be an ISO 4217 code such as IRR');
    errors.throwIfAny();
    try {
      return await this.database.inTenant(caller.tenantId, async (manager) => {
        if (args.isDefault) await this.retireDefault(manager, caller, args.salesModel);
        const list = manager.create(PriceListEntity, {
          tenantId: caller.tenantId,
          id: uuidv7(),
          name,
          salesModel: args.salesModel,
          tier,
          currency,
          taxInclusive: args.taxInclusive,
          isDefault: args.isDefault,
        });
        await manager.insert(PriceListEntity, list);
        await publishPriceListUpdated(manager, list, [], caller.userId);
        return list;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'price_lists_tier_key')) {
        throw new InvalidInputError([
          { field: 'tier', message: `${args.salesModel} already has a price list for tier "${tier ?? ''}"` },
        ]);
      }
      throw error;
    }
  }

  /** Adds or replaces one volume tier of one product; republishes the whole list. */
  setPrice(
    caller: Caller,
    args: { priceListId: string; productId: string; minQuantity: number; unitPriceMinor: string },
  ): Promise<PriceListEntity> {
    const errors = new FieldErrors();
    if (!isUuid(args.productId)) errors.add('productId', 'is not an id this API returned');
    if (!Number.isInteger(args.minQuantity) || args.minQuantity < 1 || args.minQuantity > MAX_QUANTITY) {
      errors.add('minQuantity', `must be a whole number from 1 to ${MAX_QUANTITY}`);
    }
    const unitPriceMinor = parseMinorUnits(args.unitPriceMinor);
    if (unitPriceMinor === null) {
      errors.add('unitPriceMinor', 'must be a whole, non-negative number of minor units, e.g. "125000"');
    }
    errors.throwIfAny();
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const list = isUuid(args.priceListId)
        ? await manager
            .createQueryBuilder(PriceListEntity, 'list')
            .where('list.tenantId = :tenantId AND list.id = :id', {
              tenantId: caller.tenantId,
              id: canonicalUuid(args.priceListId),
            })
            .setLock('pessimistic_write')
            .getOne()
        : null;
      if (!list) throw new PriceListNotFoundError(args.priceListId);
      const productId = canonicalUuid(args.productId);
      const product = await manager.findOneBy(ProductEntity, { tenantId: caller.tenantId, id: productId });
      if (!product)
        throw new InvalidInputError([{ field: 'productId', message: 'is not one of your products' }]);

      await manager
        .createQueryBuilder()
        .insert()
        .into(PriceEntryEntity)
        .values({
          tenantId: caller.tenantId,
          priceListId: list.id,
          productId,
          minQuantity: args.minQuantity,
          unitPriceMinor: String(unitPriceMinor),
        })
        .orUpdate(['unit_price_minor'], ['tenant_id', 'price_list_id', 'product_id', 'min_quantity'])
        .execute();
      await updateAggregate(manager, PriceListEntity, list, {}); // a new version of the list
      await publishPriceListUpdated(
        manager,
        list,
        await entriesOfList(manager, caller.tenantId, list.id),
        caller.userId,
      );
      return list;
    });
  }

  listPriceLists(tenantId: string, salesModel: SalesModel | null | undefined): Promise<PriceListEntity[]> {
    return this.database.inTenant(tenantId, (manager) => {
      const query = manager
        .createQueryBuilder(PriceListEntity, 'list')
        .where('list.tenantId = :tenantId', { tenantId });
      if (salesModel) query.andWhere('list.salesModel = :salesModel', { salesModel });
      return query.orderBy('list.salesModel').addOrderBy('list.createdAt').getMany();
    });
  }

  async findByIds(tenantId: string, ids: readonly string[]): Promise<(PriceListEntity | null)[]> {
    const wanted = queryableIds(ids);
    const lists =
      wanted.length === 0
        ? []
        : await this.database.inTenant(tenantId, (manager) =>
            manager
              .createQueryBuilder(PriceListEntity, 'list')
              .where('list.tenantId = :tenantId AND list.id = ANY(:ids)', { tenantId, ids: wanted })
              .getMany(),
          );
    return inRequestedOrder(ids, lists);
  }

  /** What `accountId` pays per unit of the product when buying `quantity` of it. */
  price(tenantId: string, productId: string, accountId: string, quantity: number): Promise<Money> {
    const errors = new FieldErrors();
    if (!isUuid(productId)) errors.add('productId', 'is not an id this API returned');
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
      errors.add('quantity', `must be a whole number from 1 to ${MAX_QUANTITY}`);
    }
    errors.throwIfAny();
    return this.database.inTenant(tenantId, async (manager) => {
      const buyer = await requireAccountProfile(manager, tenantId, accountId, 'accountId');
      const id = canonicalUuid(productId);
      const resolved = resolvePrice(
        await loadCandidateLists(manager, tenantId, buyer, [id]),
        buyer,
        id,
        quantity,
      );
      if (!resolved) {
        throw new InvalidInputError([
          {
            field: 'productId',
            message: `has no price in the ${buyer.salesModel} price lists for this account`,
          },
        ]);
      }
      return money(resolved.unitPriceMinor, resolved.currency);
    });
  }

  entriesByListIds(tenantId: string, listIds: readonly string[]): Promise<PriceEntryEntity[][]> {
    return this.database.inTenant(tenantId, async (manager) => {
      const entries = await manager
        .createQueryBuilder(PriceEntryEntity, 'entry')
        .where('entry.tenantId = :tenantId AND entry.priceListId = ANY(:listIds)', { tenantId, listIds })
        .orderBy('entry.productId')
        .addOrderBy('entry.minQuantity')
        .getMany();
      return listIds.map((id) => entries.filter((entry) => entry.priceListId === id));
    });
  }

  private async retireDefault(manager: EntityManager, caller: Caller, salesModel: SalesModel): Promise<void> {
    const previous = await manager
      .createQueryBuilder(PriceListEntity, 'list')
      .where('list.tenantId = :tenantId AND list.salesModel = :salesModel AND list.isDefault', {
        tenantId: caller.tenantId,
        salesModel,
      })
      .setLock('pessimistic_write')
      .getOne();
    if (!previous) return;
    await updateAggregate(manager, PriceListEntity, previous, { isDefault: false });
    await publishPriceListUpdated(
      manager,
      previous,
      await entriesOfList(manager, caller.tenantId, previous.id),
      caller.userId,
    );
  }
}
