import { z } from 'zod';

/** Configuration for every door, from the environment (.env). One schema per door over the shared variables. */

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const flag = z.preprocess((v) => (v === '' || v === undefined ? 'false' : v), z.enum(['true', 'false', '1', '0'], { message: 'must be true or false' })).transform((v) => v === 'true' || v === '1');

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const common = {
  /** The seed for a new database (default data/activities.json). */
  DATA_FILE: optional(z.string()),
  /** The living record's SQLite database (default data/projektminne.db), created and seeded on first start. */
  DATABASE_FILE: optional(z.string()),
  /** Members with this role may change the record with /log, besides those with Manage Server. */
  EDITOR_ROLE_ID: optional(snowflake),
  /**
   * Where the record is held: `door` in the door's own process, `process` in a process of its own (a reload of any
   * size then holds neither the door nor the answers), `auto` (default) its own process from RECORD_PROCESS_FROM
   * entries on (src/live/startup.ts).
   */
  RECORD_HOST: z.preprocess((v) => (v === '' || v === undefined ? 'auto' : v), z.enum(['auto', 'door', 'process'])),
  LOG_LEVEL: z.preprocess((v) => (v === '' || v === undefined ? 'info' : v), z.enum(LOG_LEVELS)),
  DISCORD_API_URL: optional(z.url({ message: 'must be a URL such as http://localhost:8080/api' })),
};

/** What `npm start` needs. */
export const botConfigSchema = z.object({
  ...common,
  DISCORD_TOKEN: z.string({ message: 'is required' }).min(20, 'does not look like a bot token'),
  DISCORD_APPLICATION_ID: optional(snowflake),
  ENABLE_MENTIONS: flag,
});

/** What `npm run deploy-commands` needs. */
export const deployConfigSchema = z.object({
  ...common,
  DISCORD_TOKEN: z.string({ message: 'is required' }).min(20, 'does not look like a bot token'),
  DISCORD_APPLICATION_ID: z.preprocess((v) => (v === '' ? undefined : v), snowflake.optional()).refine((v) => v !== undefined, 'is required'),
  DISCORD_GUILD_ID: optional(snowflake),
});

/** What `npm run serve` (the HTTP interactions endpoint) needs. */
export const endpointConfigSchema = z.object({
  ...common,
  DISCORD_PUBLIC_KEY: z.string({ message: 'is required' }).regex(/^[0-9a-fA-F]{64}$/, 'must be the 64-character hex Public Key from the Developer Portal'),
  PORT: z.preprocess((v) => (v === '' || v === undefined ? '3000' : v), z.coerce.number().int().min(1).max(65535)),
});

export type BotConfig = z.infer<typeof botConfigSchema>;
export type DeployConfig = z.infer<typeof deployConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Validates environment variables. The error names each variable and what is wrong with it, never its value:
 * zod would otherwise quote the input, and one of these is a token.
 */
export function readConfig<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? 'configuration');
    const message = issue.code === 'invalid_type' ? 'is required' : issue.message.replace(/received .*/i, '').trim();
    return `${variable} ${message}`;
  });
  throw new ConfigError(`Configuration problem (see .env.example):\n  - ${problems.join('\n  - ')}`);
}
