export * from './permissions';
export * from './poolConditions';
