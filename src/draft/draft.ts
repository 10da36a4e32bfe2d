// Drafts an article file from an article's text: quotes, speakers, entities and dates, plus a summary for moderators.
import type { Dataset } from '../data/dataset.ts';
import { TEXT_LIMITS, type ArticleFile, type Entity, type EntityType, type Quote } from '../data/schema.ts';
import { ArticleFileSchema } from '../data/schema.ts';
import { UserError } from '../interaction/errors.ts';
import { isCalendarDate, resolveDate, type ResolvedDate } from './dates.ts';
import { aliasesOf, EntityRegistry, kindOf, plainName, type DraftEntity } from './entities.ts';
import { findFigures, type FigureCandidate } from './figures.ts';
import { analyseParagraphs, type AnalysedParagraph } from './language.ts';
import { draftMessages } from './messages.ts';
import { readArticle, type ArticleUpload } from './read.ts';
import { findQuotations, notSpoken, quoteForm, type NotSpoken, type QuoteSpan } from './quotes.ts';
import { attributeQuotes, readSentences, type Attribution, type Resolution } from './speakers.ts';

/** What the moderator says about the article: the parts of its source a text cannot tell reliably. */
export interface DraftSource {
  readonly publisher: string;
  /** YYYY-MM-DD */
  readonly published: string;
  readonly authors: readonly string[];
  readonly url?: string;
}

/** What the draft knows of the live data: entities to reuse, and every id already taken. */
export interface LiveData {
  readonly entities: readonly Entity[];
  readonly ids: ReadonlySet<string>;
}

export interface DraftedQuote {
  readonly id: string;
  readonly text: string;
  readonly form: 'statement' | 'fragment';
  readonly paragraph: number;
  /** The speaker's id and name; for a flagged quote, the placeholder's. */
  readonly speaker: { readonly id: string; readonly name: string };
  readonly resolvedBy?: Resolution;
  /** Why the speaker is not resolved; the quote is kept under a placeholder speaker. */
  readonly flag?: string;
  readonly date?: string;
}

export interface SetAside {
  readonly text: string;
  readonly reason: NotSpoken | 'scare quote';
  readonly paragraph: number;
}

export interface DraftSummary {
  readonly paragraphs: number;
  readonly quotes: readonly DraftedQuote[];
  /** Quotation marks that hold titles, terms, nicknames or scare quotes, not anyone's words. */
  readonly setAside: readonly SetAside[];
  readonly newEntities: readonly { readonly id: string; readonly name: string; readonly type: EntityType }[];
  readonly reusedEntities: readonly { readonly id: string; readonly name: string; readonly type: EntityType }[];
  readonly figures: readonly FigureCandidate[];
  /** Problems in the text that did not stop the draft: unbalanced quotation marks, over-long quotes. */
  readonly warnings: readonly string[];
}

export interface Draft {
  /** A suggested file name: `articles/<name>`. */
  readonly fileName: string;
  /** The article's text as read, paragraphs joined by blank lines: what the copy check compares with; never stored. */
  readonly text: string;
  readonly article: ArticleFile;
  readonly summary: DraftSummary;
}

export interface DraftRequest {
  readonly upload: ArticleUpload;
  readonly source: DraftSource;
  readonly live?: LiveData;
}

const NO_LIVE_DATA: LiveData = { entities: [], ids: new Set() };

/** What a draft needs of a dataset: its entities to reuse and its ids to avoid. */
export function liveDataOf(dataset: Dataset): LiveData {
  return { entities: dataset.entities, ids: new Set(dataset.byId.keys()) };
}

/** Drafts an article file from an article's text. Throws a UserError for input it cannot draft from. */
export function draftArticle(request: DraftRequest): Draft {
  const source = checkSource(request.source);
  const live = request.live ?? NO_LIVE_DATA;
  const text = readArticle(request.upload);
  const scan = findQuotations(text.paragraphs);
  if (scan.spans.length === 0) throw new UserError('draft-no-quotations', draftMessages.noQuotations(request.upload.name));

  const paragraphs = analyseParagraphs(text.paragraphs);
  markQuoted(paragraphs, scan.spans);
  const registry = new EntityRegistry(live.entities);
  const read = readSentences(paragraphs, registry);
  const attributions = attributeQuotes(scan.spans, paragraphs, read);

  const setAside: SetAside[] = [];
  const kept: { span: QuoteSpan; attribution: Attribution; index: number }[] = [];
  scan.spans.forEach((span, index) => {
    const paragraphText = paragraphs[span.paragraph]?.text ?? '';
    const attribution = attributions[index] ?? {};
    const reason = notSpoken(paragraphText, span) ?? (attribution.scareQuote ? 'scare quote' : undefined);
    if (reason) setAside.push({ text: span.text, reason, paragraph: span.paragraph + 1 });
    else kept.push({ span, attribution, index });
  });
  // The same words quoted twice (a pull quote, a teaser) are one quote.
  const unique = kept.filter((entry, i) => kept.findIndex((other) => other.span.text === entry.span.text) === i);
  if (unique.length === 0) throw new UserError('draft-no-quotations', draftMessages.noQuotations(request.upload.name));

  for (const { attribution } of unique) if (attribution.speaker) attribution.speaker.speaker = true;
  for (const author of source.authors) registry.author(author);

  const taken = new Set(live.ids);
  const sourceId = uniqueId(`${slug(source.publisher.replace(/^the\s+/i, ''))}-${source.published}`, taken);
  const ids = assignEntityIds(registry.entities, taken);
  const entities: Entity[] = [];
  for (const entity of registry.entities) {
    const id = ids.get(entity);
    if (!id || entity.existing) continue;
    const country = entity.linkedCountry ? ids.get(entity.linkedCountry) : undefined;
    const role = entity.role;
    entities.push({
      id, type: kindOf(entity), name: entity.name.slice(0, TEXT_LIMITS.name), aliases: aliasesOf(entity), ...(role ? { role } : {}),
      ...(country && country !== id ? { country } : {}), anonymous: entity.anonymous, source: sourceId,
    });
  }

  let placeholder: Entity | undefined;
  const placeholderId = (): string => {
    placeholder ??= {
      id: uniqueId('unresolved-speaker', taken), type: 'person', name: draftMessages.unresolvedSpeakerName, aliases: [],
      role: draftMessages.unresolvedSpeakerRole, anonymous: true, source: sourceId,
    };
    return placeholder.id;
  };

  const quotes: Quote[] = [];
  const drafted: DraftedQuote[] = [];
  const dates = new Map<number, ResolvedDate>();
  for (const { span, attribution, index } of unique) {
    const paragraph = paragraphs[span.paragraph];
    if (!paragraph) continue;
    const speaker = attribution.speaker;
    const speakerId = speaker ? (ids.get(speaker) ?? placeholderId()) : placeholderId();
    const date = attribution.continues !== undefined ? continuedDate(dates.get(attribution.continues)) : dateNear(paragraph, span, attribution, source.published);
    dates.set(index, date);
    const sentenceStart = paragraph.sentences.find((sentence) => sentence.start <= span.open && sentence.end > span.open)?.start ?? 0;
    const id = uniqueId(quoteIdBase(speaker, span.text), taken);
    const form = quoteForm(paragraph.text, span, sentenceStart);
    quotes.push({
      id, speaker: speakerId, text: span.text, form,
      context: attribution.flag ? draftMessages.draftContextFlagged(attribution.flag) : draftMessages.draftContext,
      ...(date.date ? { date: date.date } : {}), dateNote: date.note, topics: [], source: sourceId,
    });
    drafted.push({
      id, text: span.text, form, paragraph: span.paragraph + 1,
      speaker: { id: speakerId, name: speaker?.name ?? draftMessages.unresolvedSpeakerName },
      ...(attribution.how ? { resolvedBy: attribution.how } : {}), ...(attribution.flag ? { flag: attribution.flag } : {}), ...(date.date ? { date: date.date } : {}),
    });
  }
  if (placeholder) entities.push(placeholder);

  const article = ArticleFileSchema.parse({
    source: {
      id: sourceId, publisher: source.publisher, published: source.published, authors: source.authors,
      subject: draftMessages.draftSubject(source.publisher, source.published), summary: draftMessages.draftSummary,
      ...(source.url ? { url: source.url } : {}),
    },
    entities, quotes, deals: [], facts: [],
  });
  const reused = registry.entities.filter((entity) => entity.existing && ids.has(entity));
  const warnings = [...scan.problems, ...(text.repeatedParagraphs > 0 ? [draftMessages.repeatedParagraphs(text.repeatedParagraphs)] : [])];
  return {
    fileName: `${source.published}-${slug(source.publisher.replace(/^the\s+/i, '')).slice(0, 60) || 'article'}.json`,
    text: text.paragraphs.join('\n\n'),
    article,
    summary: {
      paragraphs: text.paragraphs.length,
      quotes: drafted,
      setAside,
      newEntities: entities.map((entity) => ({ id: entity.id, name: entity.name, type: entity.type })),
      reusedEntities: reused.flatMap((entity) => (entity.existing ? [{ id: entity.existing.id, name: entity.existing.name, type: entity.existing.type }] : [])),
      figures: findFigures(paragraphs, scan.spans),
      warnings,
    },
  };
}

function checkSource(source: DraftSource): DraftSource {
  const publisher = source.publisher.trim();
  if (!publisher) throw new UserError('draft-bad-source', draftMessages.noPublisher);
  if (!isCalendarDate(source.published)) throw new UserError('draft-bad-source', draftMessages.badPublished(source.published));
  if (source.url !== undefined && !/^https?:\/\/[^\s/]+/i.test(source.url)) throw new UserError('draft-bad-source', draftMessages.badUrl(source.url));
  const authors = source.authors.map((author) => author.trim()).filter(Boolean);
  return { ...source, publisher, authors: authors.length > 0 ? authors : [publisher] };
}

/** Marks the tokens inside quotations, so that names a speaker says are not taken for the reporter's mentions. */
function markQuoted(paragraphs: readonly AnalysedParagraph[], spans: readonly QuoteSpan[]): void {
  paragraphs.forEach((paragraph, index) => {
    const own = spans.filter((span) => span.paragraph === index);
    let next = 0;
    // Tokens and quotations both run in text order: one pass over each.
    for (const token of paragraph.sentences.flatMap((sentence) => sentence.tokens)) {
      while (next < own.length && (own[next]?.close ?? 0) + 1 < token.end) next++;
      const span = own[next];
      if (span && token.start >= span.open && token.end <= span.close + 1) token.quoted = true;
    }
  });
}

/** The date next to the reporting verb or the quote, resolved; a note saying why when there is none. */
function dateNear(paragraph: AnalysedParagraph, span: QuoteSpan, attribution: Attribution, published: string): ResolvedDate {
  const sentences = paragraph.sentences.filter((sentence) => sentence.end > span.open && sentence.start <= span.close);
  const from = sentences[0]?.start ?? span.open;
  const to = sentences[sentences.length - 1]?.end ?? span.close;
  const anchor = attribution.verbAt ?? span.open;
  const candidates = paragraph.spans
    .filter((date) => date.kind === 'DATE' && date.start >= from && date.end <= to && !(date.start > span.open && date.end <= span.close))
    .sort((a, b) => Math.abs(a.start - anchor) - Math.abs(b.start - anchor));
  for (const candidate of candidates) {
    const resolved = resolveDate(candidate.text, published);
    if (resolved) return resolved;
  }
  return { note: draftMessages.dateMissing };
}

function continuedDate(date: ResolvedDate | undefined): ResolvedDate {
  return date?.date ? { date: date.date, note: draftMessages.dateContinued } : { note: date?.note ?? draftMessages.dateMissing };
}

/** An id from a name: lowercase words joined by hyphens, accents and initials dropped. */
function slug(text: string): string {
  const base = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return base.length <= TEXT_LIMITS.id ? base : base.slice(0, TEXT_LIMITS.id).replace(/-[^-]*$/, '');
}

function uniqueId(base: string, taken: Set<string>): string {
  const root = (base || 'entry').slice(0, TEXT_LIMITS.id - 4).replace(/-+$/, '');
  let id = root;
  for (let n = 2; taken.has(id); n++) id = `${root}-${String(n)}`;
  taken.add(id);
  return id;
}

/** Ids of the entities the draft keeps: speakers, authors, named people and organisations, countries; the live data's own ids when reused. */
function assignEntityIds(entities: readonly DraftEntity[], taken: Set<string>): Map<DraftEntity, string> {
  const kept = new Set(
    entities.filter(
      (entity) =>
        entity.speaker || entity.author || (entity.country !== undefined && entity.named) ||
        (!entity.anonymous && !entity.described && entity.personEvidence + entity.organisationEvidence > 0),
    ),
  );
  for (const entity of [...kept]) if (entity.linkedCountry) kept.add(entity.linkedCountry);
  const ids = new Map<DraftEntity, string>();
  for (const entity of entities) {
    if (!kept.has(entity)) continue;
    if (entity.existing) {
      ids.set(entity, entity.existing.id);
      continue;
    }
    const name = kindOf(entity) === 'person' && !entity.anonymous ? plainName(entity.name) : entity.name.replace(/^the\s+/i, '');
    ids.set(entity, uniqueId(slug(name) || kindOf(entity), taken));
  }
  return ids;
}

const STOP_WORDS = new Set(['the', 'a', 'an', 'of', 'to', 'and', 'in', 'on', 'for', 'with', 'is', 'it', 'that', 'this', 'we', 'i', 'you', 'be', 'has', 'have', 'was', 'are', 's', 've', 'll', 't', 'd', 'm', 're']);

function quoteIdBase(speaker: DraftEntity | undefined, text: string): string {
  const who = speaker ? slug(plainName(speaker.name)).split('-').pop() ?? 'speaker' : 'unresolved';
  const words = slug(text).split('-').filter((word) => word && !STOP_WORDS.has(word)).slice(0, 4);
  return `q-${who}-${words.join('-') || 'quote'}`;
}
