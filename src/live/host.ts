import type { Answer, InteractionInput } from '../interactions/answer.js';

/** What the health check says about the record a door answers from. */
export interface HostStatus {
  entries: number;
  loadedAt: Date;
  /** Whether the indexes came from the start-up cache. */
  fromCache: boolean;
  /** False while a record process that stopped is being started again (the health check then says 503). */
  answering: boolean;
}

/**
 * Where a door's answers come from: the record held in the door's own process (LiveRecord), or in a process of its
 * own (ProcessHost, for a record so big that building its replacement beside it would stall the door). The doors
 * only translate to and from this; both give the same answers.
 */
export interface RecordHost {
  /** Answers one interaction from the record as it is now. Rejects only on a fault, never on user input. */
  answer(input: InteractionInput): Promise<Answer>;
  status(): HostStatus;
}
