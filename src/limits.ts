/**
 * Every limit the project answers to and every cap on what a reader sees, in one place: Discord's numbers (from its
 * API documentation: message, embed, component and interaction limits), which rendering enforces so Discord never
 * rejects a reply, and the project's own page sizes, list caps and input length. Internal tuning of search (how
 * many hits get a spelling check, when a word counts as common) stays beside the code it tunes.
 */
export const DISCORD = {
  contentLength: 2000,
  embedsPerMessage: 10,
  embedTotalCharacters: 6000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  customId: 100,
  buttonLabel: 80,
  /** Discord allows string options up to 6000 characters; we accept them and answer politely. */
  stringOption: 6000,
  /** Time to the first response to an interaction, in milliseconds. */
  firstResponseMs: 3000,
} as const;

/**
 * A door acknowledges first (and answers by edit) when its answer is not ready this long after the interaction
 * began — well inside DISCORD.firstResponseMs, leaving room for the acknowledgement's own trip.
 */
export const DEFER_AFTER_MS = 1500;

/** Longest query text any door accepts; longer input gets a clear message, not a search. */
export const MAX_QUERY_LENGTH = 500;

/** Entries per page in a Discord reply (one embed each) and in the terminal. */
export const PAGE_SIZE = 5;

/** People and organisations per page in a Discord reply. */
export const CONTACTS_PER_PAGE = 8;

/**
 * Characters of lists on one page of a /summary in Discord (the embed's fields; Discord allows 6000 in all). Less
 * than the limit, so a page reads on a phone; a period with more than this gets Previous/Next, never a cut.
 */
export const SUMMARY_PAGE_CHARACTERS = 3500;
