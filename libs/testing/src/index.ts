export { launchBrowser, requestsInFlight } from './browser';
export { pdfInfo, pdfText } from './pdf-text';
export { type CapturedMail, SmtpSink } from './smtp-sink';
export { testConfig } from './test-config';
export { createEmptyDatabase, createTestDatabase, type TestDatabase } from './test-database';
export { createTestRedis, type TestRedis, testQueueOptions } from './test-redis';
export { type TestServices, testServices } from './test-services';
export { databaseUrl } from './test-run';
export { createUser, type UserRow } from './factories';
export {
  type ApplicationRow,
  type CallRow,
  createApplication,
  createCall,
  createDistrict,
  createOrganisation,
  type DistrictRow,
  type OrganisationRow,
} from './factories';
export { binaryBody, setPassword, type SignedIn, signIn } from './http';
export { addOrganisationMember, grantRole } from './factories';
export { createApiToken, createNotification, type NotificationRow } from './factories';
export {
  type ActionFieldRow,
  type AreaRow,
  createActionField,
  createArea,
  createFund,
  createTrackedProject,
  type FundRow,
  type TrackedProjectRow,
} from './factories';
export { createBaseRate, setApplicationPeriod } from './factories';
export { oneTimeLinkToken } from './one-time-links';
export { eventually } from './eventually';
export { type ProxyMode, TcpProxy } from './tcp-proxy';
export { OwnRedisServer } from './redis-server';
export { completeContent } from './complete-content';
export { registrationRequest } from './registration';
