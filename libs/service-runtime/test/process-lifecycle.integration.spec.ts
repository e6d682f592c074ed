import { runFixture } from './support/child-process';

function logLines(stderr: string): { msg: string; signal?: string }[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

describe('stopOnSignals in a real process', () => {
  it('calls stop() on SIGTERM, lets it finish, and exits 0', async () => {
    const service = runFixture('stop-on-signals.fixture.ts');
    await service.printed('ready');
    service.child.kill('SIGTERM');
    const { code, stdout, stderr } = await service.finished;
    expect(code).toBe(0);
    expect(stdout).toBe('ready\nstop called\nstop finished\n');
    expect(logLines(stderr).map((line) => line.msg)).toEqual(['shutting down', 'stopped cleanly']);
    expect(logLines(stderr)[0].signal).toBe('SIGTERM');
  });
});

describe('loadConfig in a real process', () => {
  it('stops a misconfigured process with exit 1 and one line naming the variables, no stack trace', async () => {
    const { code, stdout, stderr } = await runFixture('load-config.fixture.ts', [], {
      PORT: 'eighty',
      KAFKA_BROKERS: 'kafka',
      JWT_SECRET: 'a-test-secret-that-is-32-chars-long!',
    }).finished;
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^invalid configuration: PORT .*; KAFKA_BROKERS must be host:port\[,host:port…\]\n$/,
    );
  });
});
