export * from './pool';
export * from './history';
export * from './sources';
export * from './api';
export * from './owner';
