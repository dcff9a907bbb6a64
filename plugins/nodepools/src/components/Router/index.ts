export { OwnerRoutes, PoolsRoutes, Router } from './Router';
