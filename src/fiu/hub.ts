import type { ScreeningIndex } from '../screening/index.ts';
import type { Database } from '../store/index.ts';
import { createDisseminationService, type DisseminationService } from './dissemination.ts';
import type { ExchangeNode } from './exchange.ts';
import { createFeedbackService, type FeedbackService } from './feedback.ts';
import { createFiuQueries, type FiuQueries } from './queries.ts';
import { createFiuStore, type FiuStore } from './repository.ts';
import { createSubjectListService, type SubjectListService } from './subject-lists.ts';
import { defaultDesignationIndex } from './triage.ts';
import { createTriageService, type TriageService } from './triage-service.ts';

/** Every service of the hub over one database: what the API's FIU routes and the demo use. */
export type FiuHub = {
  store: FiuStore;
  triage: TriageService;
  dissemination: DisseminationService;
  feedback: FeedbackService;
  subjectLists: SubjectListService;
  queries: FiuQueries;
  /** Present when this hub exchanges with a counterpart FIU. */
  exchange?: ExchangeNode;
};

/**
 * Builds the hub's services over a migrated database (the FIU migrations 0300–0399).
 * `designations` are the lists triage screens subjects against (section 2313a and the FTO list by default).
 * @example
 * const hub = createFiuHub({ database });
 * await hub.store.saveIntake(await receiveFile(input), input.content);
 */
export function createFiuHub(input: { database: Database; designations?: ScreeningIndex; exchange?: ExchangeNode }): FiuHub {
  const { database } = input;
  const store = createFiuStore(database);
  const dissemination = createDisseminationService({ database, fiu: store });
  return {
    store,
    dissemination,
    triage: createTriageService({ database, fiu: store, dissemination, designations: input.designations ?? defaultDesignationIndex() }),
    feedback: createFeedbackService({ database, fiu: store, disseminatedReportIds: () => dissemination.disseminatedReportIds() }),
    subjectLists: createSubjectListService({ database }),
    queries: createFiuQueries(database),
    ...(input.exchange ? { exchange: input.exchange } : {}),
  };
}
