import pino, { type Logger } from 'pino';

/** Secret-bearing keys, wherever they appear in a log object; pino replaces their values before writing. */
const REDACT = ['token', 'DISCORD_TOKEN', 'DISCORD_PUBLIC_KEY', 'authorization', 'Authorization', '*.token', '*.DISCORD_TOKEN', '*.authorization', 'headers.authorization', '*.headers.authorization'];

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'projektminne' }, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}

/** Removes every occurrence of the given secrets from a string (for error messages that might echo them). */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 8) out = out.split(secret).join('[redacted]');
  return out;
}
