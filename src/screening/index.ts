/**
 * Frontera screening: sanctions and designation lists (OFAC SDN and consolidated, UN, Mexico's
 * Lista de Personas Bloqueadas, section 2313a institutions, FTO cartels, internal lists),
 * Spanish-aware name matching, an index for candidate generation, list versions and deltas,
 * re-screening and the engine's per-transaction screener.
 */
export { ListEntrySchema, AliasSchema, ListIdentifierSchema, ENTRY_TYPES, SCREENING_IDENTIFIER_KINDS } from './list-entry.ts';
export type { ListEntry, ListEntryInput, ListSnapshot, Alias, ListIdentifier, EntryType, ScreeningIdentifierKind, StructuredName } from './list-entry.ts';
export { foldText, tokenize, stripDecorations, isParticle } from './normalize.ts';
export { phoneticKey } from './phonetic.ts';
export { parseName, parseStructuredName } from './names.ts';
export type { ParsedName, TokenRole, NameKind } from './names.ts';
export { compareTokens, editDistance, areHypocorisms } from './similarity.ts';
export type { TokenComparison, TokenMatchKind } from './similarity.ts';
export { buildScreeningIndex, keyDeletions, tokenInformation } from './screening-index.ts';
export type { ScreeningIndex, IndexedName } from './screening-index.ts';
export { screen, ScreeningQuerySchema, normaliseIdentifier, clearScreeningCaches } from './match.ts';
export type { ScreeningHit, ScreeningQuery, ScreeningQueryInput, ScreenOptions, TokenMatch, Evidence } from './match.ts';
export { countryCode } from './countries.ts';
export { parseOfacRemarks, parseOfacDates } from './ofac-remarks.ts';
export { diffSnapshots, entriesToRescreen } from './versioning.ts';
export type { ListDelta, EntryChange } from './versioning.ts';
export { partyQueries, screenParty, rescreenParties, screeningAlert, hitKey } from './parties.ts';
export type { RescreenInput, RescreenResult } from './parties.ts';
export { createTransactionScreener, screeningAlertsForTransaction } from './transaction-screener.ts';
export type { TransactionScreener, TransactionScreenerOptions, TransactionScreening, TransactionScreeningHit } from './transaction-screener.ts';
export { loadOfacCsv, decodeListText, MAX_OFAC_CSV_BYTES } from './loaders/ofac-csv.ts';
export type { OfacCsvFiles } from './loaders/ofac-csv.ts';
export { loadOfacXml } from './loaders/ofac-xml.ts';
export { loadUnConsolidatedXml } from './loaders/un-xml.ts';
export { loadMexicoLpbCsv, loadInternalListCsv, MX_LPB_COLUMNS, INTERNAL_LIST_COLUMNS, isoDate } from './loaders/csv-lists.ts';
export { section2313aList, usFto2025List } from './loaders/built-in-lists.ts';
export { readXmlRecords, DEFAULT_LIST_XML_LIMITS } from './loaders/xml-records.ts';
export type { LoadResult } from './loaders/load-result.ts';
export { createScreeningStore, applyListUpdates } from './screening-store.ts';
export type { ScreeningStore, StoredListVersion, ListUpdateResult } from './screening-store.ts';
export { ScreenRequestSchema, ScreenResponseSchema, ScreeningHitSchema, screenRequest } from './http-contract.ts';
export type { ScreenRequest, ScreenResponse } from './http-contract.ts';
