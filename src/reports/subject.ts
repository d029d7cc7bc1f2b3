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

/**
 * The street line of an address with its house number where each country writes it: first in
 * the US and Canada ("2066 N Mesa St"), after the street elsewhere ("Calle Morelos 1204 Int. 3").
 * @example streetLine({ street: 'N Mesa St', number: '2066', country: 'US' }) === '2066 N Mesa St'
 */
export function streetLine(address: { street?: string | undefined; number?: string | undefined; country?: string | undefined }): string {
  if (!address.street) return '';
  if (!address.number) return address.street;
  return address.country === 'US' || address.country === 'CA' ? `${address.number} ${address.street}` : `${address.street} ${address.number}`;
}
