import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { PoolRequest } from '@nodepools/plugin-nodepools-common';

/** The request page in the app, as notifications and the Scaffolder action link to it. */
export function requestLink(id: string, appBaseUrl?: string): string {
  const path = `/nodepools/requests/${encodeURIComponent(id)}`;
  return appBaseUrl ? `${appBaseUrl.replace(/\/+$/, '')}${path}` : path;
}

/**
 * Tells approvers about submitted requests and requesters about decisions
 * and provisioned pools. Without a notifications backend every send
 * fails: that is said once in the log, and the workflow goes on.
 */
export class RequestNotifier {
  private warned = false;

  constructor(private readonly deps: { notifications?: NotificationService; logger: LoggerService }) {}

  async submitted(request: PoolRequest, approverGroups: string[]): Promise<void> {
    if (!approverGroups.length) return;
    await this.send(approverGroups, request, {
      title: `Node pool request to approve: ${request.spec.name}`,
      description: `${request.requester} asks for ${request.spec.name} in ${request.spec.cluster} for ${request.spec.owner}: ${request.spec.justification}`,
      severity: 'normal',
    });
  }

  async decided(request: PoolRequest, comment?: string): Promise<void> {
    await this.send([request.requester], request, {
      title: `Node pool request ${request.state}: ${request.spec.name}`,
      description: `${request.approver ?? 'An approver'} ${request.state} ${request.spec.name} in ${request.spec.cluster}${comment ? `: ${comment}` : ''}`,
      severity: request.state === 'approved' ? 'normal' : 'high',
    });
  }

  async provisioned(request: PoolRequest): Promise<void> {
    await this.send([request.requester], request, {
      title: `Node pool ${request.state}: ${request.spec.name}`,
      description:
        request.state === 'provisioned'
          ? `${request.spec.name} is in the inventory of ${request.spec.cluster}`
          : `${request.spec.name} in ${request.spec.cluster}: ${request.stateReason ?? request.state}`,
      severity: request.state === 'provisioned' ? 'normal' : 'high',
    });
  }

  private async send(
    recipients: string[],
    request: PoolRequest,
    payload: { title: string; description: string; severity: 'normal' | 'high' },
  ): Promise<void> {
    if (!this.deps.notifications) return;
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: { ...payload, link: requestLink(request.id), topic: 'nodepool-request', scope: `nodepool-request:${request.id}` },
      });
    } catch (error) {
      if (!this.warned) {
        this.warned = true;
        this.deps.logger.warn(
          `Pool request notifications are not sent: ${(error as Error).message}. Install the notifications backend to send them; the requests work without it`,
        );
      }
    }
  }
}
