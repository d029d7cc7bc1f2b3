/**
 * Frontera sharing: safe-harbor sharing between institutions — participant registration, private
 * set intersection of subjects between two nodes, shared cases over matched subjects, and
 * roundtable statistics by additive secret sharing.
 */
export { createSharingNode, MatchRequestSchema } from './node.ts';
export type { SharingNode, SharingNodeOptions, SharingTransport, MatchRequest, SessionProposal, SessionSummary, SessionStatus } from './node.ts';
export { sharingRoutes, createSharingServer, createHttpTransport, problemOf, INVESTIGATOR_HEADER, MAXIMUM_MESSAGE_BYTES } from './http.ts';
export type { SharingRoutesOptions } from './http.ts';
export { createLocalBlindingEngine, createWorkerBlindingEngine } from './engine.ts';
export type { BlindingEngine } from './engine.ts';
export { hashToGroup, blindGroupElements, randomScalar, POINT_BYTES, SCALAR_BYTES } from './group.ts';
export { prepareSet, blindOwnSet, respondToBlindedSet, finishAsInitiator, finishAsResponder, tagsOf, encodeBytes, decodeBytes, PSI_MODES, PsiModeSchema, TAG_BYTES, MAXIMUM_ELEMENTS } from './psi.ts';
export type { PsiMode, PsiOutcome, PreparedSet, MatchedSubject } from './psi.ts';
export { deriveMatchKeys, personNameKeys, companyNameKey, identifierKey, normalisePhone, normaliseCryptoAddress, matchKeyText, screeningNameParser, MATCH_KEY_KINDS, MatchKeyKindSchema, SharingSubjectsSchema } from './match-keys.ts';
export type { MatchKey, MatchKeyKind, NameParser, ParsedNameView } from './match-keys.ts';
export { signMessage, verifyMessage, createReplayGuard, generateIdentity, exportIdentity, importIdentity, payloadHash, SignedMessageSchema, MESSAGE_STEPS, PROTOCOL } from './messages.ts';
export type { SignedMessage, MessageStep, NodeIdentity } from './messages.ts';
export { ParticipantRegistrationSchema, LegalBasisSchema, LEGAL_BASES, SHARING_PURPOSES, InvestigatorSchema, registrationStatus, sharingIssues } from './registry.ts';
export type { ParticipantRegistration, ParticipantRegistrationInput, LegalBasis, Investigator } from './registry.ts';
export { SharedEntryInputSchema, SharedEntrySchema, OpenCaseRequestSchema, isMatchHandle } from './shared-case.ts';
export type { SharedCase, SharedCaseView, SharedEntry, SharedEntryInput, OpenCaseRequest } from './shared-case.ts';
export { splitIntoShares, addShares, totalsFromPartialSums, sealShares, openShares, generateEncryptionKeys, exportEncryptionKeys, importEncryptionKeys, roundtableChartOption, RoundtableDefinitionSchema, RoundtableCellSchema, RoundtableCountsSchema, MODULUS, MINIMUM_CONTRIBUTORS } from './roundtable.ts';
export type { RoundtableDefinition, RoundtableDefinitionInput, RoundtableCell, EncryptionKeys, RandomWords } from './roundtable.ts';
export type { RoundtableView, RoundtableStatus } from './roundtable-sessions.ts';
export { startLoopbackNetwork, syntheticSubjects, generateNodeKeys } from './demo.ts';
export type { LoopbackInstitution, LoopbackNode } from './demo.ts';
export { runSharingDemo, renderDemoReport, renderTotalsChart } from './demo-run.ts';
export type { DemoReport } from './demo-run.ts';
export { createSqlSharingStore, SHARING_MIGRATIONS_FOLDER } from './repository.ts';
export type { SharingStore } from './repository.ts';
