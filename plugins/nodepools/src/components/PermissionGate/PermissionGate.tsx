import type { ReactNode } from 'react';
import { Progress, WarningPanel } from '@backstage/core-components';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';

/** Says, instead of a control, why the user does not get it. */
export function PermissionNotice(props: { permission: { name: string }; doing: string }) {
  return (
    <WarningPanel
      severity="info"
      title={`You are not allowed to ${props.doing}`}
      message={`This needs the permission ${props.permission.name}; ask your Backstage administrators for it.`}
      defaultExpanded
    />
  );
}

/**
 * Shows its children only to users who hold a permission, and to the
 * others a notice naming it. Without a permission backend every user holds
 * every permission.
 */
export function PermissionGate(props: {
  permission: BasicPermission;
  /** What the children let the user do, for the notice: "analyze kubectl output". */
  doing: string;
  children: ReactNode;
}) {
  const { loading, allowed } = usePermission({ permission: props.permission });
  if (loading) return <Progress />;
  if (!allowed) return <PermissionNotice permission={props.permission} doing={props.doing} />;
  return <>{props.children}</>;
}
