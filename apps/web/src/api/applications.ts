import { apiBasePath } from './client';
import { callApi, type Schemas } from './contract';
import {
  APPLICATION_EVENT_TYPES,
  APPLICATION_STATES,
  type ApplicationEventType,
  type ApplicationState,
} from '@kiezfonds/domain';

/*
 * The calls and applications API (docs/api/applications.md) as typed functions. Amounts stay
 * strings of cents exactly as the API sends them; dates are ISO days, instants ISO timestamps.
 */

type Signal = { signal?: AbortSignal };
const encode = encodeURIComponent;

// Reference data of a district

export type NamedItem = Schemas['NamedItemDto'];
export type Area = Schemas['DistrictAreaDto'];

export function listDistrictAreas(
  districtId: string,
  options: Signal = {},
): Promise<Schemas['DistrictAreaListDto']> {
  return callApi('get', '/api/districts/{id}/areas', { path: { id: districtId }, ...options });
}

export function listDistrictActionFields(
  districtId: string,
  options: Signal = {},
): Promise<Schemas['ActionFieldListDto']> {
  return callApi('get', '/api/districts/{id}/action-fields', { path: { id: districtId }, ...options });
}

// Calls

export const callStatuses = ['draft', 'open', 'closed'] as const;
export type CallStatus = (typeof callStatuses)[number];

export type RequiredAttachment = Schemas['CallAttachmentDto'];
export type CallDocument = Schemas['CallFileDto'];
export type Call = Schemas['CallDto'];

/** What a coordinator writes; amounts as strings of cents. */
export type CallFields = Omit<
  Schemas['CallFieldsDto'],
  'expectedBudgetCents' | 'minAmountCents' | 'maxAmountCents'
> & { expectedBudgetCents: string; minAmountCents?: string; maxAmountCents?: string };

export function listCalls(
  filter: { status?: CallStatus; districtId?: string; page?: number; pageSize?: number } = {},
  options: Signal = {},
): Promise<Schemas['CallPageDto']> {
  return callApi('get', '/api/calls', { query: { pageSize: 100, ...filter }, ...options });
}

export function getCall(id: string, options: Signal = {}): Promise<Call> {
  return callApi('get', '/api/calls/{id}', { path: { id }, ...options });
}

export function createCall(fields: CallFields & { districtId: string }): Promise<Call> {
  return callApi('post', '/api/calls', { body: fields });
}

export function updateCall(id: string, fields: CallFields): Promise<Call> {
  return callApi('patch', '/api/calls/{id}', { path: { id }, body: fields });
}

export function changeCallStatus(id: string, to: 'open' | 'close'): Promise<Call> {
  return to === 'open'
    ? callApi('post', '/api/calls/{id}/open', { path: { id } })
    : callApi('post', '/api/calls/{id}/close', { path: { id } });
}

export function addCallDocument(id: string, title: string, file: File): Promise<Call> {
  const form = new FormData();
  form.set('title', title);
  form.set('file', file);
  return callApi('post', '/api/calls/{id}/documents', { path: { id }, body: form });
}

export function callDocumentUrl(callId: string, documentId: string): string {
  return `${apiBasePath}/calls/${encode(callId)}/documents/${encode(documentId)}`;
}

// Applications

/** The lifecycle's states and steps, from the lifecycle machine's vocabulary in libs/domain. */
export const applicationStates = APPLICATION_STATES;
export const applicationEventTypes = APPLICATION_EVENT_TYPES;
export type { ApplicationEventType, ApplicationState };

export const costCategories = ['personnel', 'material', 'fees', 'investments', 'overheads'] as const;
export type CostCategory = (typeof costCategories)[number];

/* The content as stored: a draft may leave anything out, down to a cost line's fields. */
export type Goal = Schemas['GoalDto'];
export type CostLine = Schemas['CostLineDto'];
export type FinancingLine = Schemas['FinancingLineDto'];
export type Declarations = Schemas['DeclarationsDto'];

/** The content of an application; a draft may leave anything out. */
export type ApplicationContent = Schemas['ApplicationContentDto'];

/** What is missing or does not add up: the shape of a 400's details (`message` when the server adds one). */
export type Problem = Schemas['ProblemDto'] & { message?: string };

export type ApplicationListItem = Schemas['ApplicationListItemDto'];

export type CallSummary = Schemas['CallSummaryDto'];
export type OpenChangeRequest = Schemas['OpenChangeRequestDto'];
export type ApplicationDetail = Schemas['ApplicationDetailDto'];

export type Saved = Schemas['SavedDto'];
export type Transition = Schemas['TransitionDto'];

export type HistoryItem = Schemas['HistoryItemDto'];
export type VersionItem = Schemas['VersionItemDto'];
export type Version = Schemas['VersionDto'];
export type Change = Schemas['ContentChangeDto'];
export type Diff = Schemas['DiffDto'];

export type ChangeRequest = Schemas['ChangeRequestDto'];
export type Attachment = Schemas['AttachmentDto'];

export type ApplicationFilter = {
  state?: ApplicationState;
  callId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
};

/**
 * A page of applications. The total is counted up to 1 000; beyond, `totalCapped` is true and
 * `nextCursor` says whether another page follows.
 */
export type ApplicationList = Schemas['ApplicationPageDto'];

export function listApplications(
  filter: ApplicationFilter = {},
  options: Signal = {},
): Promise<ApplicationList> {
  return callApi('get', '/api/applications', { query: { pageSize: 50, ...filter }, ...options });
}

export function createApplication(
  input: Schemas['CreateApplicationDto'],
): Promise<Schemas['ApplicationCreatedDto']> {
  return callApi('post', '/api/applications', { body: input });
}

export function getApplication(id: string, options: Signal = {}): Promise<ApplicationDetail> {
  return callApi('get', '/api/applications/{id}', { path: { id }, ...options });
}

export function saveContent(
  id: string,
  input: { version: number; title?: string; content: ApplicationContent },
  options: Signal = {},
): Promise<Saved> {
  return callApi('put', '/api/applications/{id}/content', { path: { id }, body: input, ...options });
}

/** The payload fields of the lifecycle events (docs/api/applications.md, "Events"). */
export type EventPayload = {
  message?: string;
  replyDeadline?: string;
  reason?: string;
  comment?: string;
  amountCents?: string;
  instalments?: { cashYear: number; amountCents: string }[];
  reportDeadlines?: { kind: 'interim' | 'final'; due: string }[];
  conditions?: string;
  text?: string;
  actuals?: { cashYear: number; category: CostCategory; amountCents: string; vatCents?: string }[];
};

/**
 * Sends a lifecycle event. `idempotencyKey` should be made once per intended action (not per
 * click), so a repeated click or a retry after a lost answer makes one transition.
 */
export function sendEvent(
  id: string,
  event: { type: ApplicationEventType; version?: number } & EventPayload,
  idempotencyKey: string,
): Promise<Transition> {
  return callApi('post', '/api/applications/{id}/events', {
    path: { id },
    body: event,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** A fresh key for one intended lifecycle action. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export function getHistory(id: string, options: Signal = {}): Promise<{ items: HistoryItem[] }> {
  return callApi('get', '/api/applications/{id}/history', { path: { id }, ...options });
}

export function listVersions(id: string, options: Signal = {}): Promise<{ items: VersionItem[] }> {
  return callApi('get', '/api/applications/{id}/versions', { path: { id }, ...options });
}

export function getVersion(id: string, number: number, options: Signal = {}): Promise<Version> {
  return callApi('get', '/api/applications/{id}/versions/{number}', { path: { id, number }, ...options });
}

export function getDiff(id: string, from: number, to: number, options: Signal = {}): Promise<Diff> {
  return callApi('get', '/api/applications/{id}/diff', { path: { id }, query: { from, to }, ...options });
}

export function listChangeRequests(id: string, options: Signal = {}): Promise<{ items: ChangeRequest[] }> {
  return callApi('get', '/api/applications/{id}/change-requests', { path: { id }, ...options });
}

export function listAttachments(id: string, options: Signal = {}): Promise<{ items: Attachment[] }> {
  return callApi('get', '/api/applications/{id}/attachments', { path: { id }, ...options });
}

export function uploadAttachment(id: string, kind: string, file: File): Promise<Attachment> {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', file);
  return callApi('post', '/api/applications/{id}/attachments', { path: { id }, body: form });
}

export function deleteAttachment(id: string, attachmentId: string): Promise<void> {
  return callApi('delete', '/api/applications/{id}/attachments/{fileId}', {
    path: { id, fileId: attachmentId },
  });
}

export function attachmentUrl(id: string, attachmentId: string): string {
  return `${apiBasePath}/applications/${encode(id)}/attachments/${encode(attachmentId)}`;
}

/** The cost and financing plan as an Excel template, filled with the saved plans. */
export function planTemplateUrl(id: string): string {
  return `${apiBasePath}/applications/${encode(id)}/plan-template.xlsx`;
}

/** What a plan import saved: the new version and the plans as stored. */
export type PlanImported = Schemas['PlanImportedDto'];

/**
 * Replaces the cost and financing plan from a spreadsheet (XLSX or CSV). A file with any
 * problem answers 400 with every problem as `costPlan.row.<row>.<column>`, and nothing is saved.
 */
export function importPlan(id: string, version: number, file: File): Promise<PlanImported> {
  const form = new FormData();
  form.set('version', String(version));
  form.set('file', file);
  return callApi('post', '/api/applications/{id}/plan-import', { path: { id }, body: form });
}

export function grantNoticeUrl(id: string): string {
  return `${apiBasePath}/applications/${encode(id)}/grant-notice.pdf`;
}

// Double funding (docs/api/funds.md, "Double funding")

export type DoubleFundingMatch = Schemas['DoubleFundingMatchDto'];
export type DoubleFundingReport = Schemas['DoubleFundingReportDto'];

export function getDoubleFunding(id: string, options: Signal = {}): Promise<DoubleFundingReport> {
  return callApi('get', '/api/applications/{id}/double-funding', { path: { id }, ...options });
}

// Implementation

export type CallOff = Schemas['CallOffDto'];
export type CallOffState = CallOff['state'];

export function listCallOffs(id: string, options: Signal = {}): Promise<{ items: CallOff[] }> {
  return callApi('get', '/api/applications/{id}/call-offs', { path: { id }, ...options });
}

/** A change to the cost plan the coordinator approved after the grant notice. */
export type PlanChange = Schemas['PlanChangeDto'];

export function listPlanChanges(id: string, options: Signal = {}): Promise<{ items: PlanChange[] }> {
  return callApi('get', '/api/applications/{id}/plan-changes', { path: { id }, ...options });
}

/*
 * Call-offs and plan changes move money: every write carries an Idempotency-Key made once per
 * intended action, so a double click or a retry after a lost answer books once.
 */
const once = (idempotencyKey: string) => ({ headers: { 'Idempotency-Key': idempotencyKey } });

export function approvePlanChange(
  id: string,
  input: { cashYear: number; category: CostCategory; amountCents: string; reason: string },
  idempotencyKey: string,
): Promise<PlanChange> {
  return callApi('post', '/api/applications/{id}/plan-changes', {
    path: { id },
    body: input,
    ...once(idempotencyKey),
  });
}

export function requestCallOff(
  id: string,
  input: { cashYear: number; amountCents: string; purpose?: string },
  idempotencyKey: string,
): Promise<CallOff> {
  return callApi('post', '/api/applications/{id}/call-offs', {
    path: { id },
    body: input,
    ...once(idempotencyKey),
  });
}

export function approveCallOff(callOffId: string, idempotencyKey: string): Promise<CallOff> {
  return callApi('post', '/api/call-offs/{id}/approve', { path: { id: callOffId }, ...once(idempotencyKey) });
}

export function payCallOff(callOffId: string, paidOn: string, idempotencyKey: string): Promise<CallOff> {
  return callApi('post', '/api/call-offs/{id}/pay', {
    path: { id: callOffId },
    body: { paidOn },
    ...once(idempotencyKey),
  });
}

/** The carrier reports the day a paid call-off's money was used; the answer says whether it was late. */
export function reportCallOffUse(
  callOffId: string,
  usedOn: string,
  idempotencyKey: string,
): Promise<CallOff> {
  return callApi('post', '/api/call-offs/{id}/use', {
    path: { id: callOffId },
    body: { usedOn },
    ...once(idempotencyKey),
  });
}

export function rejectCallOff(callOffId: string, reason: string, idempotencyKey: string): Promise<CallOff> {
  return callApi('post', '/api/call-offs/{id}/reject', {
    path: { id: callOffId },
    body: { reason },
    ...once(idempotencyKey),
  });
}

/** One actual of the proof of use; `vatCents` is the VAT it contains, where the carrier stated it. */
export type ActualCost = Schemas['ActualCostDto'];
/** A cost line the proof of use overran, as recorded with it. */
export type Overrun = Schemas['OverrunDto'];
export type Report = Schemas['ReportDto'];

export function listReports(id: string, options: Signal = {}): Promise<{ items: Report[] }> {
  return callApi('get', '/api/applications/{id}/reports', { path: { id }, ...options });
}

export function addInterimReport(id: string, text: string): Promise<Schemas['InterimReportAddedDto']> {
  return callApi('post', '/api/applications/{id}/reports', { path: { id }, body: { kind: 'interim', text } });
}

/**
 * The settlement of the proof of use by the financing type of the grant notice: `settled` as
 * stored at completion, `preview` as it would be computed now. Texts come in the user's language.
 */
export type Settlement = Schemas['SettlementDto'];
export type FinancingType = Settlement['financingType'];
/** How the settlement treated a cost line (libs/domain `LineRule`); `ruleText` says it in words. */
export type SettlementLineRule = Schemas['SettlementLineDto']['rule'];
export type SettlementStepKey = Schemas['SettlementStepDto']['key'];

/** 409 `settlement_unavailable` while there is no proof of use. */
export function getSettlement(id: string, options: Signal = {}): Promise<Settlement> {
  return callApi('get', '/api/applications/{id}/settlement', { path: { id }, ...options });
}

/** One line of the interest calculation, with its sentence in the user's language. */
export type InterestLine = Schemas['InterestLineDto'];
export type ClaimEntry = Schemas['ClaimEntryDto'];
export type RepaymentClaim = Schemas['RepaymentClaimDto'];
export type ClaimState = RepaymentClaim['state'];
/** What a booking against a claim leaves open. */
export type ClaimBooked = Schemas['ClaimBookedDto'];
export type RecoveryNotice = Schemas['RecoveryNoticeDto'];

/*
 * Every write on a claim moves money: it carries an Idempotency-Key made once per intended action
 * (see `newIdempotencyKey`), so a double click or a retry after a lost answer books once.
 */

/** Issues the recovery and interest notice; interest runs up to `dueBy` (exclusive). */
export function issueRecoveryNotice(claimId: string, dueBy: string, key: string): Promise<RecoveryNotice> {
  return callApi('post', '/api/repayment-claims/{id}/notice', {
    path: { id: claimId },
    body: { dueBy },
    ...once(key),
  });
}

/** Money received from the carrier: interest first, then principal. */
export function receiveRepayment(
  claimId: string,
  payment: { amountCents: string; receivedOn: string },
  key: string,
): Promise<ClaimBooked> {
  return callApi('post', '/api/repayment-claims/{id}/payments', {
    path: { id: claimId },
    body: payment,
    ...once(key),
  });
}

/** Waives what is still open, with a reason. */
export function waiveClaim(claimId: string, reason: string, key: string): Promise<ClaimBooked> {
  return callApi('post', '/api/repayment-claims/{id}/waiver', {
    path: { id: claimId },
    body: { reason },
    ...once(key),
  });
}

/** Records that the whole open amount came back on `repaidOn`. */
export function settleClaim(claimId: string, repaidOn: string, key: string): Promise<ClaimBooked> {
  return callApi('post', '/api/repayment-claims/{id}/settle', {
    path: { id: claimId },
    body: { repaidOn },
    ...once(key),
  });
}

/** The recovery notice as PDF, with every calculation line. */
export function recoveryNoticeUrl(claimId: string): string {
  return `${apiBasePath}/repayment-claims/${encode(claimId)}/notice.pdf`;
}

export function listRepaymentClaims(id: string, options: Signal = {}): Promise<{ items: RepaymentClaim[] }> {
  return callApi('get', '/api/applications/{id}/repayment-claims', { path: { id }, ...options });
}
