import type { FieldError } from '@crm/subgraph';

/** Awaits a rejection and returns its code and field errors, for assertions on domain errors. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; fields: FieldError[] }> {
  try {
    await promise;
  } catch (error) {
    const { code, message, fields } = error as { code?: string; message: string; fields?: FieldError[] };
    return { code: code ?? 'NOT_A_DOMAIN_ERROR', message, fields: fields ?? [] };
  }
  throw new Error('expected the promise to reject, but it resolved');
}
