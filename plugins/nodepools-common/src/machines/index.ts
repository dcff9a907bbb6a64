export * from './types';
export {
  createMachineCatalog,
  defaultMachineCatalog,
  bundledMachineTypes,
  mergeMachineTypeInput,
  MachineTypeInputError,
} from './catalog';
export type { MachineCatalog } from './catalog';
export * from './maxPods';
export * from './allocatable';
