export * from './digits';
export * from './search-text';
export * from './phone';
export * from './email';
