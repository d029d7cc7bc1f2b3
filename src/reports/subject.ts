import type { Party } from '../domain/index.ts';
import type { CaseSubject } from '../cases/index.ts';

/** The identifier of a kind a subject carries, if any. */
export function identifierOf(party: Party, kind: Party['identifiers'][number]['kind']): string | undefined {
  return party.identifiers.find((i) => i.kind === kind)?.value;
}

/** Surnames as one text: "Pérez Núñez" (paternal then maternal). */
export function surnames(party: Extract<Party, { type: 'person' }>): string {
  return [party.name.paternal, party.name.maternal].filter(Boolean).join(' ');
}

export function isPerson(subject: CaseSubject): subject is CaseSubject & { party: Extract<Party, { type: 'person' }> } {
  return subject.party.type === 'person';
}
