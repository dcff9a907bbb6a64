import { renderHcl, type HclItem, type HclValue } from '../../drift/render/quote';

/*
 * One builder for both forms of a rendered Terraform resource: the HCL a
 * user copies (through the drift renderers' quoting) and the values
 * `terraform show -json` of a plan would hold for it, which the drift
 * readers read back into the approved pool's desired state.
 */

export class TerraformBody {
  readonly items: HclItem[] = [];
  readonly values: Record<string, unknown> = {};

  attr(name: string, value: HclValue): this {
    this.items.push({ attr: name, value });
    this.values[name] = value;
    return this;
  }

  /** An attribute whose value the user's configuration supplies (`var.subnet_ids`); `planned` is what a plan would hold, if the readers need it. */
  reference(name: string, reference: string, planned?: string): this {
    this.items.push({ attr: name, reference });
    if (planned !== undefined) this.values[name] = planned;
    return this;
  }

  block(name: string, build: (body: TerraformBody) => void): this {
    const body = new TerraformBody();
    build(body);
    this.items.push({ block: name, body: body.items });
    this.listOf(name).push(body.values);
    return this;
  }

  /** A nested block the resource has none of: a plan lists it as `[]`. */
  noBlocks(name: string): this {
    this.listOf(name);
    return this;
  }

  comment(text: string): this {
    this.items.push({ comment: text });
    return this;
  }

  private listOf(name: string): unknown[] {
    const existing = this.values[name];
    if (Array.isArray(existing)) return existing;
    const list: unknown[] = [];
    this.values[name] = list;
    return list;
  }
}

/** A Terraform identifier from a pool name: anything but letters, digits, `_` and `-` becomes `_`. */
export function terraformName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(safe) ? safe : `pool_${safe}`;
}

export interface TerraformResource {
  type: string;
  name: string;
  body: TerraformBody;
  /** Data sources and comments placed before the resource. */
  preamble: HclItem[];
}

/** The HCL text: labels are the renderer's own identifiers, never input. */
export function resourceHcl(resource: TerraformResource): string {
  const block: HclItem = { block: `resource "${resource.type}" "${resource.name}"`, body: resource.body.items };
  return renderHcl([...resource.preamble, block]);
}

/** The resource as the planned values of `terraform show -json`, for the drift readers. */
export function resourcePlan(resource: TerraformResource): Record<string, unknown> {
  return {
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: [
          {
            address: `${resource.type}.${resource.name}`,
            mode: 'managed',
            type: resource.type,
            name: resource.name,
            values: resource.body.values,
          },
        ],
      },
    },
  };
}
