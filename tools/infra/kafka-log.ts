/**
 * The line of a broker log that explains why it stopped: its first ERROR, with the exception line
 * that follows it when there is one (the ERROR says what failed, the exception usually why:
 * "Unable to start acceptor … Socket server failed to bind to 127.0.0.1:9092: Address already in use").
 */
export function brokerFailureCause(log: string): string | undefined {
  const lines = log.split('\n');
  const errorIndex = lines.findIndex((line) => / ERROR /.test(line));
  if (errorIndex === -1) return undefined;
  const what = lines[errorIndex].replace(/^\[[^\]]*\] ERROR /, '').trim();
  const following = lines[errorIndex + 1]?.trim() ?? '';
  const why = /^[\w.$]+(Exception|Error)\b/.test(following) ? ` — ${following}` : '';
  return `${what}${why}`.slice(0, 400);
}
