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

  const EntryId = z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens (for example "q-tokayev-inspires")')
    .max(TEXT_LIMITS.id, `must be at most ${TEXT_LIMITS.id} characters`)
    .describe('A stable id, unique across the whole dataset; commands and buttons refer to entries by it.');

  /** A calendar date as precise as the article allows: "2025", "2025-08" or "2025-11-06". */
  const PartialDate = z
    .string()
    .regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
    .describe('As precise as the article allows: YYYY, YYYY-MM or YYYY-MM-DD. Relative dates are resolved against the publication date; leave the date out rather than guess.');

  const FullDate = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'must be YYYY-MM-DD');

  const Topics = z.array(text(TEXT_LIMITS.name)).max(TEXT_LIMITS.listItems).default([]);
  const Notes = z.array(text(TEXT_LIMITS.paragraph)).max(TEXT_LIMITS.listItems).default([]);
  const Keywords = z
    .array(text(TEXT_LIMITS.name))
    .max(TEXT_LIMITS.listItems)
    .optional()
    .describe('Other words people search this entry by, when its own text uses different ones (e.g. "planes" for "Dreamliner jets"). They find the entry, below entries whose own text has the word.');

  const SourceSchema = z
    .object({
      id: EntryId,
      publisher: text(TEXT_LIMITS.name),
      published: FullDate.describe('Publication date, YYYY-MM-DD.'),
      authors: z.array(text(TEXT_LIMITS.name)).min(1).max(TEXT_LIMITS.listItems),
      subject: text(TEXT_LIMITS.short).describe('A neutral one-line description in our own words. Not the headline.'),
      summary: text(TEXT_LIMITS.paragraph).describe('What the article reports, in our own words.'),
      url: z.url().optional().describe('Only when the article gives it; never invented.'),
    })
    .strict();

  const EntityType = z.enum(['person', 'organisation', 'country']);

  const EntitySchema = z
    .object({
      id: EntryId,
      type: EntityType,
      name: text(TEXT_LIMITS.name).describe('Display name as the article gives it.'),
      aliases: z
        .array(text(TEXT_LIMITS.name))
        .max(TEXT_LIMITS.listItems)
        .default([])
        .describe('Other ways users type this name: surnames, transliterations, Cyrillic spellings, demonyms.'),
      role: text(TEXT_LIMITS.short).optional().describe('Role or title as the article describes it.'),
      country: EntryId.optional().describe('Id of the country entity this person or organisation belongs to.'),
      description: text(TEXT_LIMITS.paragraph).optional(),
      anonymous: z.boolean().default(false).describe('True for unnamed speakers such as "a senior official".'),
      keywords: Keywords,
      source: EntryId.describe('Id of the source that introduces this entity.'),
    })
    .strict();

  const QuoteSchema = z
    .object({
      id: EntryId,
      speaker: EntryId.describe('Id of the person or organisation entity that said it.'),
      text: text(TEXT_LIMITS.quote).describe('The quoted words, character for character as printed (curly quotes and dashes kept), without the enclosing quotation marks.'),
      form: z
        .enum(['statement', 'fragment'])
        .describe('"statement" when the quote stands as its own sentence; "fragment" when it is embedded in the reporter\'s sentence.'),
      context: text(TEXT_LIMITS.paragraph).describe('The reporter\'s framing in our words: to whom, when and about what.'),
      date: PartialDate.optional(),
      dateNote: text(TEXT_LIMITS.short).optional().describe('How the date was resolved, or why it is left out.'),
      topics: Topics,
      keywords: Keywords,
      source: EntryId,
    })
    .strict();

  const DealStatus = z.enum(['committed', 'promised', 'agreed', 'approved', 'completed', 'reported', 'unclear']);

  const MoneySchema = z
    .object({
      amount: z.number().positive().optional(),
      currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD').optional(),
      qualifier: text(TEXT_LIMITS.name).optional().describe('For example "up to" or "about".'),
      text: text(TEXT_LIMITS.short).optional().describe('The article\'s own wording when it gives no figure, e.g. "billions of dollars".'),
    })
    .strict()
    .refine((money) => money.amount !== undefined || money.text !== undefined, 'needs an amount or the article\'s wording in "text"')
    .refine((money) => money.amount === undefined || money.currency !== undefined, 'an amount needs a currency');

  const QuantitySchema = z
    .object({
      count: z.number().int().positive().optional(),
      unit: text(TEXT_LIMITS.name),
      qualifier: text(TEXT_LIMITS.name).optional().describe('For example "as many as".'),
      text: text(TEXT_LIMITS.short).optional().describe('The article\'s wording when it gives no count, e.g. "dozens".'),
    })
    .strict()
    .refine((quantity) => quantity.count !== undefined || quantity.text !== undefined, 'needs a count or the article\'s wording in "text"');

  const DealSchema = z
    .object({
      id: EntryId,
      title: text(TEXT_LIMITS.short).describe('A short label in our own words.'),
      parties: z.array(EntryId).min(1).max(TEXT_LIMITS.listItems).describe('Ids of the buying or committing countries and companies.'),
      partiesNote: text(TEXT_LIMITS.short).optional().describe('Who exactly, when the article is more specific, e.g. "airlines from these countries".'),
      counterparties: z.array(EntryId).max(TEXT_LIMITS.listItems).default([]).describe('Ids of the companies or states on the other side.'),
      counterpartiesNote: text(TEXT_LIMITS.short).optional().describe('For a counterparty the article leaves unnamed.'),
      category: text(TEXT_LIMITS.name),
      value: MoneySchema.optional(),
      quantity: QuantitySchema.optional(),
      status: DealStatus.describe('As the article states it.'),
      date: PartialDate.optional(),
      dateNote: text(TEXT_LIMITS.short).optional(),
      notes: Notes,
      caveats: Notes.describe('What the article says is uncertain about this deal.'),
      keywords: Keywords,
      source: EntryId,
    })
    .strict();

  const FigureSchema = z
    .object({
      value: z.number(),
      unit: text(TEXT_LIMITS.name),
      qualifier: text(TEXT_LIMITS.name).optional(),
    })
    .strict();

  const FactSchema = z
    .object({
      id: EntryId,
      text: text(TEXT_LIMITS.paragraph).describe('The fact in our own words.'),
      subjects: z.array(EntryId).max(TEXT_LIMITS.listItems).default([]).describe('Ids of the entities the fact is about.'),
      figures: z.array(FigureSchema).max(TEXT_LIMITS.listItems).default([]),
      date: PartialDate.optional(),
      dateNote: text(TEXT_LIMITS.short).optional(),
      topics: Topics,
      keywords: Keywords,
      source: EntryId,
    })
    .strict();

  /** One file of the dataset: a single article and everything extracted from it. */
  const ArticleFileSchema = z
    .object({
      $schema: z.string().optional(),
      source: SourceSchema,
      entities: z.array(EntitySchema).default([]),
      quotes: z.array(QuoteSchema).default([]),
      deals: z.array(DealSchema).default([]),
      facts: z.array(FactSchema).default([]),
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
