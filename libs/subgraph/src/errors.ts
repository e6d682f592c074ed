export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT';

export interface FieldError {
  /** The input path of the offending value, e.g. `input.emails[1]`. */
  field: string;
  message: string;
}

/**
 * A broken business rule, raised where the rule is checked. Only these reach clients with their
 * message; anything else is masked as an internal error (see error-formatting.ts).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends DomainError {
  constructor(fields: FieldError[]) {
    super('BAD_USER_INPUT', fields.map((field) => `${field.field}: ${field.message}`).join('; '), fields);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('NOT_FOUND', `${entity} ${id} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'not allowed for your role') {
    super('FORBIDDEN', message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'a valid access token is required') {
    super('UNAUTHENTICATED', message);
  }
}

/** Optimistic concurrency: the client edited a version someone else has already changed. */
export function assertExpectedVersion(
  entity: string,
  current: number,
  expected: number | null | undefined,
): void {
  if (expected != null && expected !== current) {
    throw new ConflictError(
      `${entity} was changed by someone else: expected version ${expected}, current is ${current}`,
    );
  }
}
