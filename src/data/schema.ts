// The dataset's format, defined once: types are inferred from these schemas and data/schema.json is generated from them.
import { z } from 'zod';

/** Limits on stored text: generous for real articles, tight enough that no entry can break a reply. */
export const TEXT_LIMITS = Object.freeze({
  id: 64,
  name: 100,
  short: 200,
  quote: 1500,
  paragraph: 1000,
  listItems: 50,
});

// Control characters (other than line breaks and tabs), lone surrogates and bidi overrides can corrupt a
// rendered embed or a terminal: refuse them at the door instead of escaping them everywhere.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;

/** Messages of the format's own checks; tests import them. */
export const schemaMessages = Object.freeze({
  notCalendarDate: (date: string) => `${date} is not a date on the calendar (check the month's last day and leap years)`,
  enclosedQuote:
    'starts and ends with quotation marks: store the words only, without the marks that enclose them (the bot adds its own; quotation marks inside the words stay)',
  notWebUrl: 'must be an http:// or https:// address',
});

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when a YYYY, YYYY-MM or YYYY-MM-DD string names a day, month or year the calendar has (no 2025-02-29). */
export function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return true;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= days;
}

// Quotation marks that open or close a quotation, straight, curly and guillemets.
const ENCLOSED_IN_QUOTATION_MARKS = /^["“”„«‘‹].*["“”»’›][.,;:!?]?$/su;

/**
 * Builds the schemas. `checkCharacters: false` leaves out the per-string character check: validate.ts uses that
 * variant only for a file whose raw JSON provably holds no such character (one scan of the text instead of a check
 * of every string, a third of the time of a 100,000-entry load). Both variants are the same format otherwise.
 */
function articleSchemas(checkCharacters: boolean) {
  function text(max: number) {
    const string = z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${String(max)} characters`);
    return checkCharacters ? string.refine((value) => !FORBIDDEN_CHARACTERS.test(value), 'contains a control or direction-override character') : string;
  }

  const idString = () =>
    z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens (for example "q-tokayev-inspires")')
      .max(TEXT_LIMITS.id, `must be at most ${TEXT_LIMITS.id} characters`);

  const EntryId = idString().describe('A new, stable id for this entry, unique across the whole dataset; commands and buttons refer to entries by it.');

  /** The id of another entry; `what` says which kind of entry it must name (checked when the dataset is validated). */
  const reference = (what: string) => idString().describe(`The id of ${what}.`);
  const SourceRef = reference('the source (an article\'s source.id) this comes from, usually the source of the same file');

  /** A calendar date as precise as the article allows: "2025", "2025-08" or "2025-11-06". */
  const PartialDate = z
    .string()
    .regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
    .refine(isCalendarDate, { error: (issue) => schemaMessages.notCalendarDate(String(issue.input)) })
    .describe(
      'As precise as the article allows: YYYY, YYYY-MM or YYYY-MM-DD, never after the source\'s publication date. Relative dates are resolved against the publication date; leave the date out rather than guess.',
    );

  const FullDate = z
    .string()
    .regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'must be YYYY-MM-DD')
    .refine(isCalendarDate, { error: (issue) => schemaMessages.notCalendarDate(String(issue.input)) });
  const DateNote = text(TEXT_LIMITS.short).optional().describe('How the date was resolved from the article, or why it is left out.');

  const Topics = z
    .array(text(TEXT_LIMITS.name))
    .max(TEXT_LIMITS.listItems)
    .default([])
    .describe('Short lowercase topics that help people find the entry, e.g. "trade", "human rights".');
  const Notes = z.array(text(TEXT_LIMITS.paragraph)).max(TEXT_LIMITS.listItems).default([]);
  const Keywords = z
    .array(text(TEXT_LIMITS.name))
    .max(TEXT_LIMITS.listItems)
    .optional()
    .describe('Other words people search this entry by, when its own text uses different ones (e.g. "planes" for "Dreamliner jets"). They find the entry, below entries whose own text has the word.');

  const SourceSchema = z
    .object({
      id: EntryId.describe('A stable id for this article, unique across the dataset; every entry of the file names it in its "source".'),
      publisher: text(TEXT_LIMITS.name).describe('Who published the article, e.g. "The New York Times".'),
      published: FullDate.describe('Publication date, YYYY-MM-DD; no entry of the article may be dated after it.'),
      authors: z.array(text(TEXT_LIMITS.name)).min(1).max(TEXT_LIMITS.listItems).describe('The article\'s authors, as credited.'),
      subject: text(TEXT_LIMITS.short).describe('A neutral one-line description in our own words. Not the headline.'),
      summary: text(TEXT_LIMITS.paragraph).describe('What the article reports, in our own words.'),
      url: z
        .url({ protocol: /^https?$/, error: schemaMessages.notWebUrl })
        .optional()
        .describe('The article\'s http(s) address, only when the article gives it; never invented.'),
    })
    .strict()
    .describe('The article the entries of this file come from.');

  const EntityType = z
    .enum(['person', 'organisation', 'country'])
    .describe('"person", "organisation" (companies, governments\' bodies, groups) or "country".');

  const EntitySchema = z
    .object({
      id: EntryId,
      type: EntityType,
      name: text(TEXT_LIMITS.name).describe('Display name as the article gives it.'),
      aliases: z
        .array(text(TEXT_LIMITS.name))
        .max(TEXT_LIMITS.listItems)
        .default([])
        .describe('Other ways users type this name: surnames, transliterations, Cyrillic spellings, demonyms. Specific enough not to name someone else.'),
      role: text(TEXT_LIMITS.short).optional().describe('Role or title as the article describes it, in our own words; left out when the article gives none.'),
      country: reference('the country entity this person or organisation belongs to').optional(),
      description: text(TEXT_LIMITS.paragraph).optional().describe('What else the article says about them, in our own words.'),
      anonymous: z.boolean().default(false).describe('True for unnamed speakers such as "a senior Central Asian official".'),
      keywords: Keywords,
      source: reference('the source that introduces this entity'),
    })
    .strict()
    .describe('A person, organisation or country; ids are global, so later articles reuse them.');

  const QuoteSchema = z
    .object({
      id: EntryId,
      speaker: reference('the person or organisation entity that said it (not a country)'),
      text: text(TEXT_LIMITS.quote)
        .refine((value) => !ENCLOSED_IN_QUOTATION_MARKS.test(value), schemaMessages.enclosedQuote)
        .describe('The quoted words, character for character as printed (curly quotes and dashes kept), without the enclosing quotation marks.'),
      form: z
        .enum(['statement', 'fragment'])
        .describe('"statement" when the quote stands as its own sentence; "fragment" when it is embedded in the reporter\'s sentence.'),
      context: text(TEXT_LIMITS.paragraph).describe('The reporter\'s framing in our words: to whom, when and about what.'),
      date: PartialDate.optional(),
      dateNote: DateNote,
      topics: Topics,
      keywords: Keywords,
      source: SourceRef,
    })
    .strict()
    .describe('Words someone said, exactly as the article prints them.');

  const DealStatus = z
    .enum(['committed', 'promised', 'announced', 'agreed', 'approved', 'completed', 'reported', 'unclear'])
    .describe(
      'As the article states it: "committed" (committed to it), "promised" (promised it), "announced" (said it would), "agreed" (an agreement was reached), ' +
        '"approved" (someone with authority approved it), "completed" (it has happened), "reported" (known only from someone\'s account of it), "unclear".',
    );

  const MoneySchema = z
    .object({
      amount: z.number().positive().optional().describe('The figure, in units of the currency: 4000000000 for $4 billion.'),
      currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD').optional().describe('ISO 4217 code such as USD; needed with an amount.'),
      qualifier: text(TEXT_LIMITS.name).optional().describe('For example "up to" or "about".'),
      text: text(TEXT_LIMITS.short).optional().describe('The article\'s own wording when it gives no figure, e.g. "billions of dollars".'),
    })
    .strict()
    .refine((money) => money.amount !== undefined || money.text !== undefined, 'needs an amount or the article\'s wording in "text"')
    .refine((money) => money.amount === undefined || money.currency !== undefined, 'an amount needs a currency')
    .describe('What the deal is worth.');

  const QuantitySchema = z
    .object({
      count: z.number().int().positive().optional().describe('How many, when the article gives a number.'),
      unit: text(TEXT_LIMITS.name).describe('What is counted, e.g. "locomotives".'),
      qualifier: text(TEXT_LIMITS.name).optional().describe('For example "as many as".'),
      text: text(TEXT_LIMITS.short).optional().describe('The article\'s wording when it gives no count, e.g. "dozens".'),
    })
    .strict()
    .refine((quantity) => quantity.count !== undefined || quantity.text !== undefined, 'needs a count or the article\'s wording in "text"')
    .describe('How much of something the deal covers.');

  const DealSchema = z
    .object({
      id: EntryId,
      title: text(TEXT_LIMITS.short).describe('A short label in our own words.'),
      parties: z
        .array(reference('a country, company or organisation entity that buys or commits'))
        .min(1)
        .max(TEXT_LIMITS.listItems)
        .describe('The buying or committing countries and companies.'),
      partiesNote: text(TEXT_LIMITS.short).optional().describe('Who exactly, when the article is more specific, e.g. "airlines from these countries".'),
      counterparties: z
        .array(reference('a company, organisation or country entity on the other side'))
        .max(TEXT_LIMITS.listItems)
        .default([])
        .describe('The companies or states on the other side; empty when the article names none.'),
      counterpartiesNote: text(TEXT_LIMITS.short).optional().describe('For a counterparty the article leaves unnamed, or says there is none.'),
      category: text(TEXT_LIMITS.name).describe('What kind of deal, in a few words, e.g. "Aircraft".'),
      value: MoneySchema.optional(),
      quantity: QuantitySchema.optional(),
      status: DealStatus,
      date: PartialDate.optional(),
      dateNote: DateNote,
      notes: Notes.describe('What else the article says about the deal, in our own words.'),
      caveats: Notes.describe('What the article says is uncertain about this deal.'),
      keywords: Keywords,
      source: SourceRef,
    })
    .strict()
    .describe('A purchase, investment or agreement the article reports.');

  const FigureSchema = z
    .object({
      value: z.number().describe('The number as written in full: 4000000000, 1242.'),
      unit: text(TEXT_LIMITS.name).describe('What the number counts, or a currency code such as USD.'),
      qualifier: text(TEXT_LIMITS.name).optional().describe('For example "as many as".'),
    })
    .strict()
    .describe('A number the fact states.');

  const FactSchema = z
    .object({
      id: EntryId,
      text: text(TEXT_LIMITS.paragraph).describe('The fact in our own words.'),
      subjects: z
        .array(reference('a person, organisation or country entity the fact is about'))
        .max(TEXT_LIMITS.listItems)
        .default([])
        .describe('The entities the fact is about, so that looking any of them up finds it.'),
      figures: z.array(FigureSchema).max(TEXT_LIMITS.listItems).default([]).describe('The numbers the fact states.'),
      date: PartialDate.optional(),
      dateNote: DateNote,
      topics: Topics,
      keywords: Keywords,
      source: SourceRef,
    })
    .strict()
    .describe('A statement of fact or figure, in our own words.');

  /** One file of the dataset: a single article and everything extracted from it. */
  const ArticleFileSchema = z
    .object({
      $schema: z.string().optional().describe('Where editors find this JSON Schema, e.g. "../schema.json".'),
      source: SourceSchema,
      entities: z.array(EntitySchema).default([]).describe('The people, organisations and countries this article introduces.'),
      quotes: z.array(QuoteSchema).default([]).describe('Verbatim quotes from the article.'),
      deals: z.array(DealSchema).default([]).describe('Deals the article reports.'),
      facts: z.array(FactSchema).default([]).describe('Facts and figures from the article, in our own words.'),
    })
    .strict();
  return { EntryId, PartialDate, SourceSchema, EntityType, EntitySchema, QuoteSchema, DealStatus, MoneySchema, QuantitySchema, DealSchema, FigureSchema, FactSchema, ArticleFileSchema };
}

const strict = articleSchemas(true);
export const { EntryId, PartialDate, SourceSchema, EntityType, EntitySchema, QuoteSchema, DealStatus, MoneySchema, QuantitySchema, DealSchema, FigureSchema, FactSchema, ArticleFileSchema } = strict;
/** ArticleFileSchema without the per-string character check; only for text that passed `hasNoForbiddenCharacters`. */
export const ArticleFileSchemaForCheckedText = articleSchemas(false).ArticleFileSchema;

/**
 * True when a file's raw JSON cannot hold a forbidden character: JSON must escape control characters, so it is
 * enough to look for their escapes, for bidi overrides written either way, and for surrogate escapes (which could
 * be lone); anything suspicious goes through the full per-string check, which names the path.
 */
export function hasNoForbiddenCharacters(rawJson: string): boolean {
  return !/\\u00(?:0[0-8bcef]|1[0-9a-f]|7f)|\\u20(?:2[a-e]|6[6-9])|\\ud[89a-f]|[\u007f\u202a-\u202e\u2066-\u2069]/i.test(rawJson);
}

export type Source = z.infer<typeof SourceSchema>;
export type Entity = z.infer<typeof EntitySchema>;
export type EntityType = z.infer<typeof EntityType>;
export type Quote = z.infer<typeof QuoteSchema>;
export type Deal = z.infer<typeof DealSchema>;
export type DealStatus = z.infer<typeof DealStatus>;
export type Money = z.infer<typeof MoneySchema>;
export type Quantity = z.infer<typeof QuantitySchema>;
export type Fact = z.infer<typeof FactSchema>;
export type ArticleFile = z.infer<typeof ArticleFileSchema>;
/** What a file holds before defaults are applied: the shape authors write. */
export type ArticleFileInput = z.input<typeof ArticleFileSchema>;

/** The JSON Schema published as data/schema.json, generated so it can never drift from the zod schema. */
export function articleJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ArticleFileSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Newsdesk bot article file',
    description: 'One news article and the sources, people, quotes, deals and facts extracted from it.',
  };
}
