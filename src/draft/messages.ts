// What the drafting engine says about its input and its draft; the CLI, the bot and the tests import these.

const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export const draftMessages = Object.freeze({
  empty: (name: string) => `${name} is empty: there is no article text to draft from.`,
  binary: (name: string) => `${name} is not text (it looks like a binary file): upload the article as .txt, .md or .html.`,
  notUtf8: (name: string) => `${name} is not UTF-8 text: save the article as UTF-8 and try again.`,
  noText: (name: string) => `${name} holds no readable article text once markup is removed.`,
  tooLong: (name: string, characters: number, max: number) =>
    `${name} has ${count(characters, 'character')} of text; a draft takes at most ${count(max, 'character')} (one article, not a whole site or archive).`,
  noQuotations: (name: string) =>
    `No quotations were found in ${name}: the draft needs at least one passage in quotation marks (“…” or "…").`,
  badPublished: (value: string) => `The publication date must be a real date written YYYY-MM-DD, not “${value}”.`,
  badUrl: (value: string) => `The URL must start with http:// or https://, not “${value}”.`,
  noPublisher: 'The publisher is required (for example “The New York Times”).',
  unbalanced: (paragraph: number, excerpt: string) =>
    `Paragraph ${String(paragraph)}: a quotation mark opened at “${excerpt}” is never closed; that passage was not taken as a quote.`,
  strayClosing: (paragraph: number, excerpt: string) =>
    `Paragraph ${String(paragraph)}: a closing quotation mark after “${excerpt}” has no opening mark; it was ignored.`,
  quoteTooLong: (paragraph: number, characters: number, max: number) =>
    `Paragraph ${String(paragraph)}: a quotation of ${count(characters, 'character')} is longer than a quote may be (${String(max)}); it was left out.`,
  repeatedParagraphs: (n: number) => `${count(n, 'repeated paragraph')} (page furniture such as a teaser shown twice) ${n === 1 ? 'was' : 'were'} read once.`,
  unresolvedSpeakerName: 'Speaker not resolved',
  unresolvedSpeakerRole: 'Placeholder: the draft could not tell who said these words. Choose the speaker before importing.',
  draftSubject: (publisher: string, published: string) => `Draft of an article by ${publisher} of ${published}: write a neutral one-line subject`,
  draftSummary: 'Draft: write what the article reports, in our own words, before importing.',
  draftContext: 'Draft: say in our own words to whom, when and about what this was said.',
  draftContextFlagged: (reason: string) => `Draft: the speaker could not be resolved (${reason}). Choose the speaker and say in our own words when and about what this was said.`,
  dateResolved: (expression: string, published: string) => `“${expression}” resolved against the publication date, ${published}.`,
  dateNoDay: (expression: string) => `“${expression}” gives no day; the date is left out.`,
  dateMissing: 'No date is given next to the quote; left out.',
  dateAfterPublication: (expression: string) => `“${expression}” falls after the publication date; the date is left out.`,
  dateContinued: 'Dated like the quote it continues.',
  replyIntro:
    'Nothing is applied until you continue to the import preview and confirm it. Before importing, replace the draft’s subject, summary and quote contexts with our own words and choose a speaker for any flagged quote: edit the attached file and `/data import` it, or continue as it is.',
  continueLabel: 'Continue to import preview',
  reviewExpired: 'This draft is no longer waiting: run `/data draft` again, or edit the attached file and `/data import` it.',
  notYourDraft: 'Only the moderator who made this draft can continue it.',
});
