/** The messages between `openPglite` and its PGlite thread (`pglite-worker.ts`). */

/** A statement or transaction step sent to the PGlite thread; `transaction` null = outside any. */
export type PgliteRequest =
  | { id: number; kind: 'query'; transaction: number | null; sql: string; params: unknown[] }
  | { id: number; kind: 'exec'; transaction: number | null; sql: string }
  | { id: number; kind: 'copy'; transaction: number | null; sql: string; data: string }
  | { id: number; kind: 'begin' }
  | { id: number; kind: 'commit' | 'rollback'; transaction: number }
  | { id: number; kind: 'close' };

/** An error as it crosses threads: its class name, message and the driver's fields (SQLSTATE `code`, `constraint`, …). */
export type SerializedError = { name: string; message: string; fields: Record<string, string | number> };

export type PgliteReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SerializedError };

/** The reply id that announces the opened database (or why it could not open). */
export const READY_REPLY_ID = 0;

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error)) {
    if ((typeof value === 'string' || typeof value === 'number') && key !== 'name' && key !== 'message') fields[key] = value;
  }
  return { name: error.name, message: error.message, fields };
}
