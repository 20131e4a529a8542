/** The date order as numbers, index for index with `chronological`: record position, first and last month. */
export interface DatedColumns {
  position: Int32Array;
  start: Int32Array;
  end: Int32Array;
}

/**
 * The text index's slots and the record's date order, each mapped to the other, and the date order's columns
 * (DatedColumns), all kept in step with every change.
 *
 * A record is indexed in date order, so until its first change a slot *is* a date rank and the searches sort and
 * walk by number. A change parts them: a new entry takes the next free slot at the end, a removed one leaves a hole.
 * Without this map every search after the first change went back to sorting entries by their dates — at a million
 * entries one edit made a common word's search 40 → 530 ms for as long as the record served — and the columns were
 * made again after every change (up to 0.9 s at a million entries, on the next question or timeline). Kept up to
 * date they cost a few passes over Int32Arrays per change (a correction, taken out and put in, 5 ms at a million
 * entries: a scratch timing, median of 20).
 */
export class DateRanks {
  private rankOfSlot: Int32Array;
  private slotOfRank: Int32Array;
  private position: Int32Array;
  private start: Int32Array;
  private end: Int32Array;
  private slots: number;
  private ranks: number;

  /** The map while slots are date ranks (each its own), with the date order's columns as they are. */
  constructor(columns: DatedColumns) {
    const count = columns.position.length;
    const size = Math.max(16, count);
    this.rankOfSlot = new Int32Array(size);
    this.slotOfRank = new Int32Array(size);
    for (let i = 0; i < count; i++) this.rankOfSlot[i] = this.slotOfRank[i] = i;
    this.position = copy(columns.position, size);
    this.start = copy(columns.start, size);
    this.end = copy(columns.end, size);
    this.slots = this.ranks = count;
  }

  /** The date rank of the entry in this slot; -1 for an empty slot. */
  rank(slot: number): number {
    return slot < this.slots ? this.rankOfSlot[slot]! : -1;
  }

  /** The slot of the entry at this date rank. */
  slot(rank: number): number {
    return this.slotOfRank[rank]!;
  }

  /** The columns as they are now (views, valid until the next change). */
  columns(): DatedColumns {
    return { position: this.position.subarray(0, this.ranks), start: this.start.subarray(0, this.ranks), end: this.end.subarray(0, this.ranks) };
  }

  /** An entry put in the date order at `rank` (those from it on move down one), indexed in `slot`. */
  insert(rank: number, slot: number, dated: { position: number; start: number; end: number }): void {
    if (rank < 0 || rank > this.ranks) throw new RangeError(`date rank ${rank} outside 0..${this.ranks}`);
    for (let s = 0; s < this.slots; s++) if (this.rankOfSlot[s]! >= rank) this.rankOfSlot[s]!++;
    const size = this.ranks + 1;
    this.slotOfRank = opened(this.slotOfRank, rank, this.ranks, slot);
    this.position = opened(this.position, rank, this.ranks, dated.position);
    this.start = opened(this.start, rank, this.ranks, dated.start);
    this.end = opened(this.end, rank, this.ranks, dated.end);
    this.ranks = size;
    this.rankOfSlot = room(this.rankOfSlot, slot + 1);
    for (let s = this.slots; s < slot; s++) this.rankOfSlot[s] = -1;
    this.slots = Math.max(this.slots, slot + 1);
    this.rankOfSlot[slot] = rank;
  }

  /** The entry at date rank `rank` taken out (those after it move up one); its slot is left empty. */
  remove(rank: number): void {
    if (rank < 0 || rank >= this.ranks) throw new RangeError(`date rank ${rank} outside 0..${this.ranks - 1}`);
    this.rankOfSlot[this.slotOfRank[rank]!] = -1;
    for (let s = 0; s < this.slots; s++) if (this.rankOfSlot[s]! > rank) this.rankOfSlot[s]!--;
    for (const column of [this.slotOfRank, this.position, this.start, this.end]) column.copyWithin(rank, rank + 1, this.ranks);
    this.ranks--;
  }

  /** Record positions from `from` on moved by `by` (an entry put in or taken out of the record there). */
  shiftPositions(from: number, by: number): void {
    for (let r = 0; r < this.ranks; r++) if (this.position[r]! >= from) this.position[r]! += by;
  }
}

function copy(column: Int32Array, size: number): Int32Array {
  const out = new Int32Array(size);
  out.set(column);
  return out;
}

/** The array with `value` put in at `at` of its first `length` (grown, doubling, when full). */
function opened(array: Int32Array, at: number, length: number, value: number): Int32Array {
  const out = room(array, length + 1);
  out.copyWithin(at + 1, at, length);
  out[at] = value;
  return out;
}

/** The array, or a copy with room for `size` (doubling, so a run of additions copies rarely). */
function room(array: Int32Array, size: number): Int32Array {
  if (size <= array.length) return array;
  const grown = new Int32Array(Math.max(size, array.length * 2));
  grown.set(array);
  return grown;
}
