/**
 * A failure the person running the tool can fix, with a message that says how. The CLI prints the
 * message as one line and exits 1, without a stack trace: the trace would only bury the advice.
 */
export class InfraError extends Error {
  override readonly name = 'InfraError';
}
