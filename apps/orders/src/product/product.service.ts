import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { isUniqueViolation, type TenantScopedDatabase } from '@crm/database';
import { assertPageSize, type Caller, FieldErrors, inRequestedOrder, queryableIds } from '@crm/subgraph';
import { updateAggregate } from '../common/aggregate-update';
import { listPositionId } from '../common/list-position';
import { publishProductUpserted } from '../events/publishers';
import { ProductEntity } from './product.entity';
import { validateProduct, type UpsertProductArgs } from './product.validation';

export class ProductService {
  constructor(private readonly database: TenantScopedDatabase) {}

  /**
   * Creates the product with this sku or updates it. Two first upserts of one sku at once: the
   * loser's insert hits the unique index and it runs again as an update.
   */
  async upsertProduct(caller: Caller, args: UpsertProductArgs): Promise<ProductEntity> {
    const errors = new FieldErrors();
    const fields = validateProduct(errors, args);
    errors.throwIfAny();
    try {
      return await this.database.inTenant(caller.tenantId, (manager) =>
        writeProduct(manager, caller, fields, args.active ?? null),
      );
    } catch (error) {
      if (!isUniqueViolation(error, 'products_sku_key')) throw error;
      return this.database.inTenant(caller.tenantId, (manager) =>
        writeProduct(manager, caller, fields, args.active ?? null),
      );
    }
  }

  async findByIds(tenantId: string, ids: readonly string[]): Promise<(ProductEntity | null)[]> {
    const wanted = queryableIds(ids);
    const products =
      wanted.length === 0
        ? []
        : await this.database.inTenant(tenantId, (manager) => findProducts(manager, tenantId, wanted));
    return inRequestedOrder(ids, products);
  }

  /**
   * Newest first; `search` matches part of the sku or name, ignoring case. The contract returns a
   * plain list, so `after` is the id of the last product of the previous page.
   */
  listProducts(
    tenantId: string,
    filter: { search?: string | null; category?: string | null },
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<ProductEntity[]> {
    const pageSize = assertPageSize(first, 'first');
    const afterId = after ? listPositionId(after) : null;
    return this.database.inTenant(tenantId, (manager) => {
      const query = manager
        .createQueryBuilder(ProductEntity, 'product')
        .where('product.tenantId = :tenantId', { tenantId });
      const search = filter.search?.trim().toLowerCase() ?? '';
      if (search) {
        query.andWhere('(lower(product.sku) LIKE :pattern OR lower(product.name) LIKE :pattern)', {
          pattern: `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`,
        });
      }
      if (filter.category)
        query.andWhere('product.category = :category', { category: filter.category.trim() });
      if (afterId) {
        query.andWhere(
          '(product.createdAt, product.id) < (SELECT "created_at", "id" FROM "products" WHERE "tenant_id" = :tenantId AND "id" = :afterId)',
          { afterId },
        );
      }
      return query
        .orderBy('product.createdAt', 'DESC')
        .addOrderBy('product.id', 'DESC')
        .limit(pageSize)
        .getMany();
    });
  }
}

export function findProducts(
  manager: EntityManager,
  tenantId: string,
  ids: readonly string[],
): Promise<ProductEntity[]> {
  return manager
    .createQueryBuilder(ProductEntity, 'product')
    .where('product.tenantId = :tenantId AND product.id = ANY(:ids)', { tenantId, ids })
    .getMany();
}

async function writeProduct(
  manager: EntityManager,
  caller: Caller,
  fields: ReturnType<typeof validateProduct>,
  active: boolean | null,
): Promise<ProductEntity> {
  const existing = await manager
    .createQueryBuilder(ProductEntity, 'product')
    .where('product.tenantId = :tenantId AND product.sku = :sku', {
      tenantId: caller.tenantId,
      sku: fields.sku,
    })
    .setLock('pessimistic_write')
    .getOne();
  if (existing) {
    const next = { ...fields, active: active ?? existing.active };
    const isUnchanged = (Object.keys(next) as (keyof typeof next)[]).every(
      (key) => existing[key] === next[key],
    );
    if (isUnchanged) return existing;
    await updateAggregate(manager, ProductEntity, existing, next);
    await publishProductUpserted(manager, existing, caller.userId);
    return existing;
  }
  const product = manager.create(ProductEntity, {
    ...fields,
    tenantId: caller.tenantId,
    id: uuidv7(),
    active: active ?? true,
  });
  await manager.insert(ProductEntity, product);
  await publishProductUpserted(manager, product, caller.userId);
  return product;
}
