import { z } from 'zod';

/** The HTTP server's own settings; host and port belong to the caller that listens. */
export const ApiOptionsSchema = z.object({
  /** Largest JSON body accepted on ordinary routes. */
  bodyLimitBytes: z.number().int().positive().default(1024 * 1024),
  /** Largest body accepted by the ingest routes (batches of transactions, ISO 20022 files). */
  ingestBodyLimitBytes: z.number().int().positive().default(16 * 1024 * 1024),
  /** Requests per minute per credential (or per address when anonymous). */
  rateLimitPerMinute: z.number().int().positive().default(6000),
  /** Login attempts per minute per address: slows password guessing. */
  loginRateLimitPerMinute: z.number().int().positive().default(10),
  /** Mark the session cookie `Secure` (set when served over HTTPS). */
  secureCookies: z.boolean().default(false),
  /** Folder of the built web application; null serves the API only. */
  webRoot: z.string().nullable().default(null),
  /** Pino logging of requests. */
  logRequests: z.boolean().default(false),
});
export type ApiOptions = z.infer<typeof ApiOptionsSchema>;
export type ApiOptionsInput = z.input<typeof ApiOptionsSchema>;
