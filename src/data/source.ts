import { RecordIndex } from '../search/engine.js';
import { DEFAULT_DATA_FILE, loadRecordFile } from './load.js';

/** The data file to use: an explicit path, else DATA_FILE, else the project's own record. */
export function dataFilePath(explicit?: string): string {
  return explicit || process.env.DATA_FILE || DEFAULT_DATA_FILE;
}

/** Loads, validates and indexes a data file. Throws DataError (with file, entry and field) on bad data. */
export function openRecord(file: string): RecordIndex {
  return new RecordIndex(loadRecordFile(file));
}
