export * from './types';
export { readDesired, SUPPORTED_DESIRED } from './read';
export { readTerraform, TERRAFORM_POOL_TYPES } from './terraform/readTerraform';
export { readEksctlConfigs } from './eksctl';
export { readManifests } from './manifests';
