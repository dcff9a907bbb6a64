import type { Resolution } from '../../types';
import { renderHcl, type HclItem } from '../quote';

/** A name Terraform accepts as a resource name: letters, digits, `_` and `-`, not starting with a digit. */
function resourceName(pool: string): string {
  const name = pool.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

/** A Terraform `import` block that brings the pool under a resource of `type`, by its import id. */
export function importBlock(type: string, pool: string, id: string): Resolution {
  const items: HclItem[] = [
    { block: 'import', body: [{ attr: 'to', reference: `${type}.${resourceName(pool)}` }, { attr: 'id', value: id }] },
  ];
  return {
    kind: 'hcl',
    text: renderHcl(items),
    note: 'then `terraform plan -generate-config-out=generated.tf` writes the resource block (Terraform 1.5 or later)',
  };
}
