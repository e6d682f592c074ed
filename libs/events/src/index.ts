export * from './topics';
export * from './envelope';
export * from './define-event';
export * from './catalog';
export * from './parse-event';
export * from './catalog/accounts.events';
