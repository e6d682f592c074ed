import type { Logger } from 'pino';
import { stopOnSignals, type Stoppable } from './graceful-shutdown';

// The handlers are captured instead of installed, so signals are delivered by calling them and the
// Jest worker never gets real signal listeners; the real-process behaviour is in test/.
describe('stopOnSignals', () => {
  let handlers: Map<string, (signal: NodeJS.Signals) => void>;
  let exit: jest.SpyInstance;
  let logger: { info: jest.Mock; warn: jest.Mock; error: jest.Mock };

  beforeEach(() => {
    handlers = new Map();
    jest.spyOn(process, 'on').mockImplementation(((
      event: string,
      handler: (signal: NodeJS.Signals) => void,
    ) => {
      handlers.set(event, handler);
      return process;
    }) as never);
    exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    // The shutdown deadline must never fire for real: with process.exit restored it would end the worker.
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
  });

  afterEach(() => {
    jest.clearAllTimers();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  const deliver = (signal: NodeJS.Signals) => {
    const handler = handlers.get(signal);
    if (!handler) throw new Error(`nothing listens for ${signal}`);
    handler(signal);
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('listens for SIGTERM and SIGINT', () => {
    stopOnSignals({ stop: jest.fn() }, logger as unknown as Logger, 1000);
    expect([...handlers.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);
  });

  it('exits 0 once stop() has finished, not before', async () => {
    let finishStop!: () => void;
    const target: Stoppable = { stop: jest.fn(() => new Promise<void>((resolve) => (finishStop = resolve))) };
    stopOnSignals(target, logger as unknown as Logger, 1000);

    deliver('SIGTERM');
    await settle();
    expect(target.stop).toHaveBeenCalledTimes(1);
    expect(exit).not.toHaveBeenCalled();

    finishStop();
    await settle();
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('exits 1 and logs the error when stop() fails', async () => {
    const failure = new Error('pool refused to close');
    stopOnSignals({ stop: () => Promise.reject(failure) }, logger as unknown as Logger, 1000);
    deliver('SIGINT');
    await settle();
    expect(exit).toHaveBeenCalledWith(1);
    expect(logger.error).toHaveBeenCalledWith({ err: failure }, 'shutdown failed');
  });

  it('exits 1 when stop() has not finished within the timeout', async () => {
    stopOnSignals({ stop: () => new Promise(() => undefined) }, logger as unknown as Logger, 3000);
    deliver('SIGTERM');
    jest.advanceTimersByTime(2999);
    expect(exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('exits 1 at once on a second signal, without stopping twice', () => {
    const target: Stoppable = { stop: jest.fn(() => new Promise<void>(() => undefined)) };
    stopOnSignals(target, logger as unknown as Logger, 30000);
    deliver('SIGTERM');
    expect(exit).not.toHaveBeenCalled();
    deliver('SIGINT');
    expect(exit).toHaveBeenNthCalledWith(1, 1);
    expect(logger.warn).toHaveBeenCalledWith({ signal: 'SIGINT' }, 'second signal: exiting now');
  });
});
