import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  REQUEST_KINDS,
  type PoolRequestSpecInput,
  type Violation,
} from '@nodepools/plugin-nodepools-common';
import { NodepoolsApiError, NodepoolsRequestClient } from './nodepoolsApi';

export const ACTION_ID = 'nodepools:request:create';

function describe(violations: Violation[]): string {
  return violations.map(v => `${v.field} (${v.rule}): ${v.message}`).join('; ');
}

/** A field error of the API as the template's input path. */
function inputError(error: NodepoolsApiError): InputError {
  const field = error.body?.field?.replace(/^spec\./, '');
  return new InputError(field ? `Invalid input '${field}': ${error.message}` : error.message);
}

/**
 * `nodepools:request:create`: asks for a node pool through the nodepools
 * approval workflow, as the user who runs the template. The request is
 * checked against the same policies as the form; a request that breaks
 * one fails the step with every violation. Output: the request id, its
 * state and a link to its page.
 */
export function createNodepoolsRequestAction(options: { discovery: DiscoveryService; auth: AuthService; appBaseUrl?: string }) {
  const client = new NodepoolsRequestClient(options);
  return createTemplateAction({
    id: ACTION_ID,
    description: 'Requests a Kubernetes node pool through the nodepools approval workflow (policy checks, cost, four-eyes approval)',
    supportsDryRun: true,
    examples: [
      {
        description: 'Submit a GKE node pool for approval',
        example: [
          'steps:',
          '  - id: request',
          '    action: nodepools:request:create',
          '    input:',
          '      kind: gke-node-pool',
          '      cluster: gke/shop-project/europe-west1/shop-prod',
          '      name: search',
          '      machineTypes: [e2-standard-4]',
          '      nodeCount: 3',
          '      zones: [europe-west1-b, europe-west1-c, europe-west1-d]',
          '      owner: group:default/search',
          '      justification: search indexers',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        kind: z => z.enum(REQUEST_KINDS).describe('The kind of pool: eks-managed-node-group, karpenter-nodepool, gke-node-pool, aks-node-pool or doks-node-pool'),
        cluster: z => z.string().describe('The cluster ref from the inventory: provider/account/region/cluster'),
        name: z => z.string().describe("The pool's name in its cluster"),
        machineTypes: z => z.array(z.string()).describe('Instance types, VM sizes or droplet sizes'),
        nodeCount: z => z.number().optional().describe('A fixed count, or the starting count within the autoscaler range'),
        autoscaling: z => z.object({ min: z.number(), max: z.number() }).optional().describe("The autoscaler's range"),
        capacityType: z => z.enum(['on-demand', 'spot', 'mixed']).optional(),
        os: z => z.enum(['linux', 'windows']).optional(),
        arch: z => z.enum(['amd64', 'arm64']).optional(),
        labels: z => z.record(z.string()).optional(),
        taints: z => z.array(z.object({ key: z.string(), value: z.string().optional(), effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']) })).optional(),
        zones: z => z.array(z.string()).optional(),
        mode: z => z.enum(['system', 'user']).optional().describe('AKS only'),
        maxPodsPerNode: z => z.number().optional(),
        diskSizeGb: z => z.number().optional(),
        resourceGroup: z => z.string().optional().describe("AKS: the cluster's resource group, when the inventory does not say it"),
        nodeClass: z => z.string().optional().describe('Karpenter: the node class the NodePool refers to'),
        owner: z => z.string().describe('The catalog group that will own the pool'),
        justification: z => z.string().describe('Why the pool is needed, for the approvers'),
        submit: z => z.boolean().optional().describe('Submit for approval at once (default), or keep a draft'),
      },
      output: {
        id: z => z.string().describe('The request id'),
        state: z => z.string().describe('draft or submitted'),
        link: z => z.string().describe("The request's page"),
        monthlyCostMax: z => z.number().optional().describe('USD per month at the maximum size, when priced'),
      },
    },
    async handler(ctx) {
      const { submit, ...input } = ctx.input;
      const spec = input as PoolRequestSpecInput;
      const credentials = await ctx.getInitiatorCredentials();
      let validation;
      try {
        validation = await client.validate(spec, credentials);
      } catch (error) {
        if (error instanceof NodepoolsApiError && error.status === 400) throw inputError(error);
        throw error;
      }
      for (const warning of validation.violations.filter(v => v.severity === 'warning')) {
        ctx.logger.warn(`${warning.field} (${warning.rule}): ${warning.message}`);
      }
      const errors = validation.violations.filter(v => v.severity === 'error');
      if (errors.length) throw new InputError(`The pool request breaks ${errors.length} polic${errors.length === 1 ? 'y' : 'ies'}: ${describe(errors)}`);
      if (validation.cost.max) ctx.output('monthlyCostMax', validation.cost.max.monthly);
      if (ctx.isDryRun) {
        ctx.logger.info('Dry run: the request passes every policy and was not created');
        ctx.output('id', 'dry-run');
        ctx.output('state', 'draft');
        ctx.output('link', `${(options.appBaseUrl ?? '').replace(/\/+$/, '')}/nodepools/requests`);
        return;
      }
      let created;
      try {
        created = await client.create({ spec, submit: submit ?? true, comment: `Requested through the template ${ctx.templateInfo?.entityRef ?? ''}`.trim() }, credentials);
      } catch (error) {
        if (error instanceof NodepoolsApiError && error.body?.violations) throw new InputError(`The pool request breaks a policy: ${describe(error.body.violations.filter(v => v.severity === 'error'))}`);
        if (error instanceof NodepoolsApiError && error.status === 400) throw inputError(error);
        throw error;
      }
      const link = `${(options.appBaseUrl ?? '').replace(/\/+$/, '')}/nodepools/requests/${encodeURIComponent(created.id)}`;
      ctx.logger.info(`Pool request ${created.id} is ${created.state}: ${link}`);
      ctx.output('id', created.id);
      ctx.output('state', created.state);
      ctx.output('link', link);
    },
  });
}
