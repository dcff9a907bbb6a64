export { PoolsRoutes, Router } from './Router';
