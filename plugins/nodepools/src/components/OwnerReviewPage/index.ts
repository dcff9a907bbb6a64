export { OwnerReviewPage } from './OwnerReviewPage';
