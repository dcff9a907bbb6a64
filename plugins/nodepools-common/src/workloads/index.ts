export * from './types';
export * from './labelSelector';
export * from './entityWorkload';
