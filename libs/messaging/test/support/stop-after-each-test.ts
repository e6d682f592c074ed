interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Relays and consumers a test started, stopped after it even when an assertion failed first: a
 * leftover one keeps polling a dropped database and holds Kafka connections open, so Jest never exits.
 */
export function stopAfterEachTest(): <T extends Stoppable>(component: T) => T {
  const started = new Set<Stoppable>();
  afterEach(async () => {
    await Promise.allSettled([...started].map((component) => component.stop()));
    started.clear();
  });
  return (component) => {
    started.add(component);
    return component;
  };
}
