export * from './schemas.ts';
export { mexicanBankingHolidays, isMexicanBusinessDay, addMexicanBusinessDays, nthMexicanBusinessDayOfMonth, easterSunday } from './calendar.ts';
export { computeDeadlines, deadlineWarnings } from './deadlines.ts';
export type { Deadline, DeadlineKind, DeadlineWarning } from './deadlines.ts';
export {
  openCase, groupAlertsBySubject, addAlerts, assignCase, editNarrative, addAttachment, submitForApproval, approveCase,
  returnForRework, recordFiling, recordCommitteeDecision, updateSubject, closeWithoutFiling, applyAcknowledgement, subjectKeyOf, sha256Hex,
} from './workflow.ts';
export type { ActionContext, WorkflowResult, NewCaseInput, ValidatedDocument } from './workflow.ts';
export { draftNarrative, summarizeActivity, partyDisplayName } from './narrative.ts';
export { createSqlCaseRepository, CASES_MIGRATION_FOLDER } from './repository.ts';
export type { CaseRepository } from './repository.ts';
export { casesFromAlerts, joinAlerts, caseIdFor } from './from-alerts.ts';
export type { CaseSources, CasesFromAlerts } from './from-alerts.ts';
