/**
 * Every limit the project answers to, in one place. Discord's numbers come from its API documentation
 * (message, embed, component and interaction limits); rendering enforces them so Discord never rejects a reply.
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
