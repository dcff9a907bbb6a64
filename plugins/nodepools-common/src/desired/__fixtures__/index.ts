import * as fs from 'fs';
import * as path from 'path';
import { DesiredReadError, type DesiredIssue } from '../types';

/** The text of one of the desired-state readers' own fixtures. */
export function readFixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, name), 'utf8');
}

export interface ResourceBlock {
  module?: string;
  mode?: 'managed' | 'data';
  type: string;
  name: string;
  instances: Array<{ index_key?: string | number; attributes: Record<string, unknown>; sensitive_attributes?: unknown[]; deposed?: string }>;
}

/** A format 4 state holding the given resource blocks, as Terraform writes it. */
export function stateOf(resources: ResourceBlock[], version: unknown = 4): string {
  return JSON.stringify({
    version,
    terraform_version: '1.9.8',
    serial: 1,
    lineage: 'f0e1d2c3-b4a5-4697-8899-aabbccddeeff',
    outputs: {},
    resources: resources.map(r => ({
      ...(r.module ? { module: r.module } : {}),
      mode: r.mode ?? 'managed',
      type: r.type,
      name: r.name,
      provider: 'provider["registry.terraform.io/hashicorp/test"]',
      instances: r.instances.map(i => ({ schema_version: 0, sensitive_attributes: [], ...i })),
    })),
  });
}

/** The issues a DesiredReadError carries; fails when nothing (or something else) is thrown. */
export function desiredIssuesOf(run: () => unknown): DesiredIssue[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DesiredReadError) return error.issues;
    throw error;
  }
  throw new Error('expected a DesiredReadError, but nothing was thrown');
}
