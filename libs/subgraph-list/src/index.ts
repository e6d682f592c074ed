export * from './subgraph-list';
