export * from './applicable-price';
