import { InvalidInputError, type FieldError } from '../errors';

/**
 * Collects every broken rule of one input before anything is written, so a client learns all its
 * mistakes at once, each on its own field (`input.emails[1]`).
 */
export class FieldErrors {
  private readonly errors: FieldError[] = [];

  /** `argument`: the GraphQL argument the fields belong to (e.g. 'input'), or '' for top-level arguments. */
  constructor(private readonly argument = '') {}

  add(field: string, message: string): void {
    this.errors.push({ field: this.argument ? `${this.argument}.${field}` : field, message });
  }

  get list(): readonly FieldError[] {
    return this.errors;
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw new InvalidInputError([...this.errors]);
  }
}
