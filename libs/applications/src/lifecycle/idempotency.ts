export { requestHash, runIdempotent } from '@kiezfonds/persistence';
