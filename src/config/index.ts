import { z } from 'zod';
import { ValidationError, type FieldIssue } from '../errors.ts';

/**
 * Frontera's one configuration, validated once at start-up from the environment and command-line
 * flags (flags win). Every other module receives the parsed `Config` (or the part it needs) as a
 * parameter; nothing reads `process.env` on its own.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const PostgresUrl = z
  .string()
  .trim()
  .refine((text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
    } catch {
      return false;
    }
  }, 'must be a postgres:// or postgresql:// URL');

const NatsUrl = z
  .string()
  .trim()
  .refine((text) => text.split(',').every((part) => /^(nats|tls|ws|wss):\/\/[^\s]+$|^[A-Za-z0-9.\-[\]:]+:\d+$/.test(part.trim())), 'must be a nats:// URL or host:port (comma-separated for a cluster)');

const Port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be an integer')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

/** The validated configuration; paths are as given (relative paths resolve against the working directory). */
export const ConfigSchema = z.object({
  /** PGlite data folder; `memory://` keeps the database in memory (tests). */
  dataDirectory: z.string().trim().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters').default('./data'),
  /** When set, PostgreSQL through `pg` replaces the embedded PGlite. */
  databaseUrl: PostgresUrl.optional(),
  /** When set, the bus is NATS JetStream; otherwise in-process. */
  natsUrl: NatsUrl.optional(),
  port: Port.default(8080),
  host: z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters').default('127.0.0.1'),
  logLevel: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Which environment variable feeds which field; used to name the variable in error messages. */
export const ENVIRONMENT_VARIABLES = {
  dataDirectory: 'FRONTERA_DATA',
  databaseUrl: 'DATABASE_URL',
  natsUrl: 'NATS_URL',
  port: 'PORT',
  host: 'HOST',
  logLevel: 'LOG_LEVEL',
} as const satisfies Record<keyof Config, string>;

/** Command-line flags that override the environment (commander's camel-cased option names). */
export type ConfigFlags = Partial<Record<keyof Config, string | number | undefined>>;

const FLAG_NAMES: Record<keyof Config, string> = {
  dataDirectory: '--data',
  databaseUrl: '--database-url',
  natsUrl: '--nats-url',
  port: '--port',
  host: '--host',
  logLevel: '--log-level',
};

/**
 * Builds the configuration from environment variables and flags. Empty variables count as unset.
 * Throws a `ValidationError` whose issues name the variable (or flag) that is wrong.
 *
 * @example
 * const config = loadConfig({ env: process.env, flags: { port: options.port } });
 * // DATABASE_URL=mysql://x → ValidationError: "DATABASE_URL: must be a postgres:// or postgresql:// URL"
 */
export function loadConfig(input: { env?: Record<string, string | undefined>; flags?: ConfigFlags } = {}): Config {
  const env = input.env ?? {};
  const flags = input.flags ?? {};
  const raw: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  for (const key of Object.keys(ENVIRONMENT_VARIABLES) as Array<keyof Config>) {
    const flagValue = flags[key];
    const envName = ENVIRONMENT_VARIABLES[key];
    const envValue = env[envName];
    if (flagValue !== undefined && flagValue !== '') {
      raw[key] = flagValue;
      origin[key] = FLAG_NAMES[key];
    } else if (envValue !== undefined && envValue.trim() !== '') {
      raw[key] = envValue;
      origin[key] = envName;
    }
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (parsed.success) return Object.freeze(parsed.data);
  const issues: FieldIssue[] = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const field = origin[key] ?? ENVIRONMENT_VARIABLES[key as keyof Config] ?? key;
    return { field, reason: issue.message };
  });
  throw new ValidationError(`invalid configuration (${[...new Set(issues.map((issue) => issue.field))].join(', ')})`, issues);
}

/**
 * Which database the configuration opens, for logs: `PGlite ./data` or `PostgreSQL postgres://…`
 * with the password redacted.
 */
export function describeDatabase(config: Pick<Config, 'dataDirectory' | 'databaseUrl'>): string {
  return config.databaseUrl === undefined ? `PGlite ${config.dataDirectory}` : `PostgreSQL ${redactUrl(config.databaseUrl)}`;
}

/** Redacts the password of a database URL for logs and status output. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
