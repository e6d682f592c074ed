import type { MetricsWindow } from './metrics-window';

/**
 * Builds a WHERE clause with numbered parameters, continuing after the ones a query already has.
 * Values always travel as parameters; only column names (from this code) are spliced in.
 */
export class SqlConditions {
  readonly parameters: unknown[];
  private readonly conditions: string[] = [];

  constructor(initialParameters: unknown[]) {
    this.parameters = [...initialParameters];
  }

  add(template: (placeholder: string) => string, value: unknown): this {
    this.parameters.push(value);
    this.conditions.push(template(`$${this.parameters.length}`));
    return this;
  }

  addIf(value: unknown, template: (placeholder: string) => string): this {
    return value == null ? this : this.add(template, value);
  }

  raw(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  get sql(): string {
    return this.conditions.length === 0 ? 'TRUE' : this.conditions.join(' AND ');
  }
}

/** The filter's sales dimensions on a rollup row (alias.sales_model/channel/owner_key/campaign_key). */
export function rollupDimensionConditions(
  conditions: SqlConditions,
  alias: string,
  window: MetricsWindow,
): SqlConditions {
  return conditions
    .addIf(window.salesModel, (p) => `${alias}."sales_model" = ${p}`)
    .addIf(window.channel, (p) => `${alias}."channel" = ${p}`)
    .addIf(window.ownerId, (p) => `${alias}."owner_key" = ${p}::uuid`)
    .addIf(window.campaignId, (p) => `${alias}."campaign_key" = ${p}::uuid`);
}
