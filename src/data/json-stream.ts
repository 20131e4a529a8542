/**
 * Splits a JSON object, arriving in chunks of bytes, into its members without holding the whole text: the members
 * are handed over one by one, and the elements of chosen array members one element at a time. Each piece is
 * parsed by JSON.parse, so the pieces are read exactly as JSON.parse reads them; the scanner only has to find
 * where a value ends, which needs no more than the string, escape and nesting state, carried across chunks.
 *
 * It works on bytes, not on decoded text: every byte that matters to JSON's structure is ASCII, and no byte of a
 * multi-byte UTF-8 character is below 0x80, so a chunk boundary inside a character needs no care until a piece is
 * decoded whole.
 */

/** Where and why the text is not the JSON object the scanner expects (byte offset from the start). */
export class JsonStreamError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'JsonStreamError';
  }
}

export interface MemberHandler {
  /** Whether this member's value, if it is an array, is to be handed over element by element. */
  streams(key: string): boolean;
  /** A member's whole value (for a streamed key: only when the value is not an array). */
  member(key: string, value: unknown): void;
  /** A streamed array starts (once per occurrence of the key: a repeated key starts again, as JSON.parse keeps the last). */
  arrayStart(key: string): void;
  element(key: string, value: unknown, index: number): void;
}

const enum Top {
  Start,
  KeyOrEnd,
  Key,
  Colon,
  Value,
  AfterValue,
  ElementOrEnd,
  Element,
  AfterElement,
  Done,
}

const enum Capture {
  None,
  Container,
  String,
  Scalar,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** A byte that ends a number or a literal (true, false, null). */
function endsScalar(b: number): boolean {
  return isSpace(b) || b === 0x2c || b === 0x5d || b === 0x7d;
}

export class JsonObjectStream {
  private top = Top.Start;
  /** Bytes seen before the current chunk. */
  private offset = 0;
  private key = '';
  private index = 0;

  // The value being captured: its kind, nesting, string state, and its bytes from earlier chunks.
  private capture = Capture.None;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: Buffer[] = [];
  private captureStart = 0;

  constructor(private readonly handler: MemberHandler) {}

  push(chunk: Buffer): void {
    let i = 0;
    const n = chunk.length;
    if (this.capture !== Capture.None) this.captureStart = 0;
    while (i < n) {
      if (this.capture !== Capture.None) {
        const end = this.scanValue(chunk, i);
        if (end < 0) {
          this.parts.push(chunk.subarray(this.captureStart));
          break;
        }
        this.finishValue(chunk, end);
        i = end;
        continue;
      }
      const b = chunk[i]!;
      if (isSpace(b)) {
        i++;
        continue;
      }
      switch (this.top) {
        case Top.Start:
          if (b !== 0x7b) this.fail('expected "{" at the start of the record', i);
          this.top = Top.KeyOrEnd;
          i++;
          break;
        case Top.KeyOrEnd:
        case Top.Key:
          if (b === 0x7d && this.top === Top.KeyOrEnd) {
            this.top = Top.Done;
            i++;
          } else if (b === QUOTE) {
            this.begin(chunk, i);
          } else {
            this.fail('expected a member name', i);
          }
          break;
        case Top.Colon:
          if (b !== 0x3a) this.fail('expected ":"', i);
          this.top = Top.Value;
          i++;
          break;
        case Top.Value:
          if (b === 0x5b && this.handler.streams(this.key)) {
            this.index = 0;
            this.handler.arrayStart(this.key);
            this.top = Top.ElementOrEnd;
            i++;
          } else {
            this.begin(chunk, i);
          }
          break;
        case Top.AfterValue:
          if (b === 0x2c) this.top = Top.Key;
          else if (b === 0x7d) this.top = Top.Done;
          else this.fail('expected "," or "}"', i);
          i++;
          break;
        case Top.ElementOrEnd:
        case Top.Element:
          if (b === 0x5d && this.top === Top.ElementOrEnd) {
            this.top = Top.AfterValue;
            i++;
          } else {
            this.begin(chunk, i);
          }
          break;
        case Top.AfterElement:
          if (b === 0x2c) this.top = Top.Element;
          else if (b === 0x5d) this.top = Top.AfterValue;
          else this.fail('expected "," or "]"', i);
          i++;
          break;
        case Top.Done:
          this.fail('unexpected text after the record', i);
      }
    }
    this.offset += n;
  }

  /** The end of the text: throws unless the object was complete. */
  end(): void {
    if (this.capture !== Capture.None || this.top !== Top.Done) throw new JsonStreamError('unexpected end of the text', this.offset);
  }

  private fail(message: string, i: number): never {
    throw new JsonStreamError(message, this.offset + i);
  }

  private begin(chunk: Buffer, i: number): void {
    const b = chunk[i]!;
    this.captureStart = i;
    this.parts = [];
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    if (b === 0x7b || b === 0x5b) this.capture = Capture.Container;
    else if (b === QUOTE) this.capture = Capture.String;
    else if (endsScalar(b) || b === 0x3a) this.fail('expected a value', i);
    else this.capture = Capture.Scalar;
  }

  /**
   * Scans the value being captured from `i`: the index just past its end in this chunk, or -1 when it goes on
   * into the next chunk.
   */
  private scanValue(chunk: Buffer, i: number): number {
    const n = chunk.length;
    if (this.capture === Capture.Scalar) {
      while (i < n && !endsScalar(chunk[i]!)) i++;
      return i < n ? i : -1;
    }
    let { depth, inString, escaped } = this;
    const string = this.capture === Capture.String;
    if (string && !inString && depth === 0) {
      // The opening quote of a string value.
      inString = true;
      i++;
    }
    for (; i < n; i++) {
      const b = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          inString = false;
          if (string) {
            this.depth = depth;
            this.inString = false;
            this.escaped = false;
            return i + 1;
          }
        }
      } else if (b === QUOTE) inString = true;
      else if (b === 0x7b || b === 0x5b) depth++;
      else if (b === 0x7d || b === 0x5d) {
        depth--;
        if (depth === 0) {
          this.depth = 0;
          return i + 1;
        }
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    return -1;
  }

  private finishValue(chunk: Buffer, end: number): void {
    const last = chunk.subarray(this.captureStart, end);
    const bytes = this.parts.length === 0 ? last : Buffer.concat([...this.parts, last]);
    const start = this.offset + this.captureStart - (bytes.length - last.length);
    this.parts = [];
    this.capture = Capture.None;
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw new JsonStreamError(`not valid JSON (${(error as Error).message}) in the value starting`, start);
    }
    switch (this.top) {
      case Top.KeyOrEnd:
      case Top.Key:
        this.key = value as string;
        this.top = Top.Colon;
        break;
      case Top.Value:
        this.handler.member(this.key, value);
        this.top = Top.AfterValue;
        break;
      default:
        this.handler.element(this.key, value, this.index++);
        this.top = Top.AfterElement;
    }
  }
}
