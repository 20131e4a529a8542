#!/usr/bin/env node
/**
 * The terminal door's process: `npm run ask -- visit Motala`, `npm run ask -- När besökte vi Motala?`, `--json`
 * for scripts, and batch mode. Everything it does is in run.ts; this file only connects it to the process.
 */
import { config } from 'dotenv';
import { EXIT_FAILURE, runCli } from './run.js';

config({ quiet: true });

// A reader that goes away (`| head`) is the end of the conversation, not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Never a stack trace for the user; the message is enough to report.
    process.stderr.write(`Unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = EXIT_FAILURE;
  },
);
