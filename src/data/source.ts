import { DEFAULT_DATA_FILE } from './load.js';

/** The data file to use: an explicit path, else DATA_FILE, else the project's own record. */
export function dataFilePath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit || env.DATA_FILE || DEFAULT_DATA_FILE;
}
