import { randomUUID } from 'node:crypto';
import {
  AccountCreated,
  createEnvelope,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
} from '@crm/events';
import type { Caller, Role } from '@crm/subgraph';
import { accountSnapshotFixture } from '@crm/testing';
import { projectAccountProfile } from '../../src/events/account-profile.consumer';
import { createOrdersServices, type OrdersServices } from '../../src/services';
import type { OrdersTestDatabase } from './orders-test-database';

export function callerOf(tenantId: string, role: Role = 'ADMIN'): Caller {
  return { tenantId, userId: randomUUID(), roles: [role] };
}

export function testServices(db: OrdersTestDatabase): OrdersServices {
  return createOrdersServices(db.database);
}

/** An envelope as another service would publish it. */
export function envelopeOf<TDefinition extends EventDefinition>(
  definition: TDefinition,
  tenantId: string,
  aggregateId: string,
  data: EventData<TDefinition>,
): EventEnvelope<EventData<TDefinition>> {
  return createEnvelope(definition, { tenantId, actorId: 'system', aggregateId, aggregateVersion: 1, data });
}

/** An account as orders learns of it from AccountCreated, projected through the real handler. */
export async function knownAccount(
  db: OrdersTestDatabase,
  tenantId: string,
  salesModel: 'B2B' | 'B2C',
  tier: string | null = null,
): Promise<string> {
  const accountId = randomUUID();
  const event = envelopeOf(
    AccountCreated,
    tenantId,
    accountId,
    accountSnapshotFixture(accountId, {
      kind: salesModel === 'B2B' ? 'COMPANY' : 'PERSON',
      salesModel,
      tier,
    }),
  );
  await db.database.inTenant(tenantId, (manager) => projectAccountProfile(manager, event));
  return accountId;
}

export interface Catalog {
  widget: string;
  gadget: string;
  b2bDefault: string;
  b2bGold: string;
  b2cRetail: string;
}

/**
 * Two products (9% and 10% tax), a B2B default list with volume tiers, a GOLD tier list and a
 * tax-inclusive B2C retail list, all in IRR.
 */
export async function seedCatalog(services: OrdersServices, admin: Caller): Promise<Catalog> {
  const widget = await services.products.upsertProduct(admin, {
    sku: 'W-1',
    name: 'Widget',
    type: 'GOODS',
    taxRatePercent: 9,
    category: 'Hardware',
  });
  const gadget = await services.products.upsertProduct(admin, {
    sku: 'G-1',
    name: 'Gadget',
    type: 'GOODS',
    taxRatePercent: 10,
  });
  const list = (
    name: string,
    salesModel: 'B2B' | 'B2C',
    tier: string | null,
    isDefault: boolean,
    taxInclusive = false,
  ) =>
    services.priceLists.createPriceList(admin, {
      name,
      salesModel,
      tier,
      currency: 'IRR',
      taxInclusive,
      isDefault,
    });
  const b2bDefault = await list('Wholesale', 'B2B', null, true);
  const b2bGold = await list('Wholesale GOLD', 'B2B', 'GOLD', false);
  const b2cRetail = await list('Retail', 'B2C', null, true, true);
  const price = (priceListId: string, productId: string, minQuantity: number, unitPriceMinor: string) =>
    services.priceLists.setPrice(admin, { priceListId, productId, minQuantity, unitPriceMinor });
  await price(b2bDefault.id, widget.id, 1, '1000000');
  await price(b2bDefault.id, widget.id, 10, '900000');
  await price(b2bDefault.id, gadget.id, 1, '5000000');
  await price(b2bGold.id, widget.id, 1, '800000');
  await price(b2cRetail.id, widget.id, 1, '1090000');
  return {
    widget: widget.id,
    gadget: gadget.id,
    b2bDefault: b2bDefault.id,
    b2bGold: b2bGold.id,
    b2cRetail: b2cRetail.id,
  };
}

export interface OutboxRow {
  topic: string;
  message_key: string;
  envelope: EventEnvelope<Record<string, unknown>>;
}

export function outboxRowsAbout(db: OrdersTestDatabase, aggregateId: string): Promise<OutboxRow[]> {
  return db.ownerQuery<OutboxRow>(
    `SELECT "topic", "message_key", "envelope" FROM "outbox" WHERE "message_key" = $1 ORDER BY "position"`,
    [aggregateId],
  );
}

export function eventTypes(rows: OutboxRow[]): string[] {
  return rows.map((row) => row.envelope.type.replace(/^crm\.orders\.|\.v1$/g, ''));
}
