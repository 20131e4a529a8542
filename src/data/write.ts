import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import type { RecordFile } from './schema.js';

/** Bytes gathered before each write: big enough that the write calls cost nothing, small beside the record. */
const CHUNK = 1 << 20;

/**
 * Writes a record file one entry at a time. `JSON.stringify(record)` needs the whole file as one string, and V8's
 * longest string (512 MiB) is shorter than the file at a million entries; this never holds more than one chunk.
 * The bytes are those of `JSON.stringify(record)`: the header first, then the entries. Written to a temporary file
 * and renamed, so a reader never sees half a file.
 */
export function writeRecordFile(file: string, record: Pick<RecordFile, 'record' | 'entries'>): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    let pending: string[] = [];
    let size = 0;
    const put = (text: string) => {
      pending.push(text);
      size += text.length;
      if (size >= CHUNK) flush();
    };
    const flush = () => {
      if (pending.length === 0) return;
      const bytes = Buffer.from(pending.join(''), 'utf8');
      // writeSync may write less than asked (it returns how much): loop until the chunk is all out.
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      pending = [];
      size = 0;
    };
    put(`{"record":${JSON.stringify(record.record)},"entries":[`);
    record.entries.forEach((entry, i) => put(i === 0 ? JSON.stringify(entry) : `,${JSON.stringify(entry)}`));
    put(']}');
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
