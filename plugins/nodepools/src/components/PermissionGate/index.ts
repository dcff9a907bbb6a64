export { PermissionGate, PermissionNotice } from './PermissionGate';
