export * from './pool';
export * from './listItem';
export * from './cluster';
export * from './history';
export * from './sources';
export * from './api';
export * from './owner';
export * from './catalog';
