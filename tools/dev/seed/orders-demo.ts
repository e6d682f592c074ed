/**
 * Demo catalog and orders through the gateway: a few products, B2B wholesale (with a GOLD tier and
 * volume tiers) and B2C retail price lists, and two orders per demo account in different states.
 * Idempotent: the catalog is created only when the tenant has no demo products, and every order
 * carries a fixed idempotency key, so a second run places nothing new.
 */
import { eventually } from '@crm/testing';
import { gatewayCaller, type GatewayCall } from './gateway-call';

const PRODUCTS = [
  {
    sku: 'DEMO-PIPE-40',
    name: 'Steel pipe 40mm',
    type: 'GOODS',
    unit: 'm',
    category: 'Steel',
    taxRatePercent: 10,
  },
  {
    sku: 'DEMO-SHEET-2',
    name: 'Steel sheet 2mm',
    type: 'GOODS',
    unit: 'sheet',
    category: 'Steel',
    taxRatePercent: 10,
  },
  {
    sku: 'DEMO-INSTALL',
    name: 'On-site installation',
    type: 'SERVICE',
    unit: 'hour',
    category: 'Services',
    taxRatePercent: 10,
  },
];

/** Unit prices in IRR minor units, per product: [B2B from 1, B2B from 100, B2B GOLD, B2C retail incl. tax]. */
const PRICES: Record<string, [string, string, string, string]> = {
  'DEMO-PIPE-40': ['2500000', '2250000', '2100000', '3025000'],
  'DEMO-SHEET-2': ['9800000', '9100000', '8900000', '11880000'],
  'DEMO-INSTALL': ['15000000', '15000000', '14000000', '18150000'],
};

async function seedCatalog(call: GatewayCall): Promise<Map<string, string>> {
  const existing = (await call(`{ products(search: "DEMO-", first: 50) { id sku } }`)).products as {
    id: string;
    sku: string;
  }[];
  if (existing.length > 0) return new Map(existing.map((product) => [product.sku, product.id]));

  const ids = new Map<string, string>();
  for (const product of PRODUCTS) {
    const data = await call(
      `mutation ($sku: String!, $name: String!, $type: ProductType!, $unit: String, $category: String, $taxRatePercent: Float) {
         upsertProduct(sku: $sku, name: $name, type: $type, unit: $unit, category: $category, taxRatePercent: $taxRatePercent) { id }
       }`,
      product,
    );
    ids.set(product.sku, (data.upsertProduct as { id: string }).id);
  }
  const list = async (
    name: string,
    salesModel: string,
    tier: string | null,
    taxInclusive: boolean,
    isDefault: boolean,
  ) => {
    const data = await call(
      `mutation ($name: String!, $salesModel: SalesModel!, $tier: String, $taxInclusive: Boolean!, $isDefault: Boolean!) {
         createPriceList(name: $name, salesModel: $salesModel, tier: $tier, currency: "IRR", taxInclusive: $taxInclusive, isDefault: $isDefault) { id }
       }`,
      { name, salesModel, tier, taxInclusive, isDefault },
    );
    return (data.createPriceList as { id: string }).id;
  };
  const wholesale = await list('Wholesale', 'B2B', null, false, true);
  const gold = await list('Wholesale GOLD', 'B2B', 'GOLD', false, false);
  const retail = await list('Retail', 'B2C', null, true, true);
  const setPrice = (priceListId: string, productId: string, minQuantity: number, unitPriceMinor: string) =>
    call(
      `mutation ($priceListId: ID!, $productId: ID!, $minQuantity: Int!, $unitPriceMinor: String!) {
         setPrice(priceListId: $priceListId, productId: $productId, minQuantity: $minQuantity, unitPriceMinor: $unitPriceMinor) { id }
       }`,
      { priceListId, productId, minQuantity, unitPriceMinor },
    );
  for (const [sku, [b2b, b2bVolume, b2bGold, b2c]] of Object.entries(PRICES)) {
    const productId = ids.get(sku) ?? '';
    await setPrice(wholesale, productId, 1, b2b);
    await setPrice(wholesale, productId, 100, b2bVolume);
    await setPrice(gold, productId, 1, b2bGold);
    await setPrice(retail, productId, 1, b2c);
  }
  return ids;
}

/** Orders learns accounts from accounts' events: a just-created account may take a moment to arrive. */
async function whenOrdersKnows(call: GatewayCall, accountId: string, productId: string): Promise<void> {
  await eventually(
    `orders to know account ${accountId}`,
    () =>
      call(`query ($p: ID!, $a: ID!) { price(productId: $p, accountId: $a, quantity: 1) { amountMinor } }`, {
        p: productId,
        a: accountId,
      }).then(
        () => true,
        () => false,
      ),
    (isKnown) => isKnown,
    { timeoutMs: 30_000 },
  );
}

export async function seedOrdersDemo(gatewayUrl: string, token: string, accountIds: string[]): Promise<void> {
  const call = gatewayCaller(gatewayUrl, token, 'orders');
  const products = await seedCatalog(call);
  const pipe = products.get('DEMO-PIPE-40') ?? '';
  const sheet = products.get('DEMO-SHEET-2') ?? '';
  for (const accountId of accountIds) {
    await whenOrdersKnows(call, accountId, pipe);
    const place = async (key: string, lines: { productId: string; quantity: number }[], channel: string) => {
      const data = await call(
        `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status total { amountMinor } } }`,
        { input: { accountId, channel, lines, idempotencyKey: `demo:${accountId}:${key}` } },
      );
      return data.placeOrder as { id: string; status: string; total: { amountMinor: string } };
    };
    // A delivered, paid order…
    const first = await place(
      'first',
      [
        { productId: pipe, quantity: 120 },
        { productId: sheet, quantity: 4 },
      ],
      'SALES_REP',
    );
    if (first.status === 'PENDING') {
      await call(`mutation ($id: ID!) { confirmOrder(id: $id) { id } }`, { id: first.id });
      await call(`mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`, {
        input: {
          orderId: first.id,
          amountMinor: first.total.amountMinor,
          method: 'BANK_TRANSFER',
          reference: 'DEMO-TRANSFER',
          idempotencyKey: `demo:${first.id}:payment`,
        },
      });
      await call(
        `mutation ($id: ID!) { dispatchShipment(orderId: $id, carrier: "Tipax", trackingCode: "TPX-DEMO") { id } }`,
        {
          id: first.id,
        },
      );
      const order = await call(`query ($id: ID!) { order(id: $id) { shipments { id } } }`, { id: first.id });
      const [shipment] = (order.order as { shipments: { id: string }[] }).shipments;
      if (shipment)
        await call(`mutation ($id: ID!) { markDelivered(shipmentId: $id) { id } }`, { id: shipment.id });
    }
    // …and a fresh one, still to be confirmed.
    await place('second', [{ productId: sheet, quantity: 1 }], 'WEB');
  }
}
