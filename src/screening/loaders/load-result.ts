import { createHash } from 'node:crypto';
import type { QuarantinedRecord } from '../../domain/index.ts';
import type { ListSnapshot } from '../list-entry.ts';

/** What every loader returns: the snapshot, and each record it could not accept with the reason. */
export type LoadResult = { snapshot: ListSnapshot; quarantined: QuarantinedRecord[] };

/**
 * A version label from the content when the publisher gives none: `sha256:` and 16 hex digits.
 * @example contentVersion(['a']).startsWith('sha256:')
 */
export function contentVersion(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}
