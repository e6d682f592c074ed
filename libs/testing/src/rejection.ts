/** What a test asserts about a rejected domain operation: its code, message and field errors. */
export interface Rejection {
  code: string;
  message: string;
  fields: { field: string; message: string }[];
}

/**
 * Awaits a promise that must reject and returns the rejection's code and field errors (a
 * DomainError's); a rejection without a code reads as NOT_A_DOMAIN_ERROR, a resolution fails.
 */
export async function rejectionOf(promise: Promise<unknown>): Promise<Rejection> {
  try {
    await promise;
  } catch (error) {
    const { code, message, fields } = error as Partial<Rejection> & { message: string };
    return { code: code ?? 'NOT_A_DOMAIN_ERROR', message, fields: fields ?? [] };
  }
  throw new Error('expected the promise to reject, but it resolved');
}
