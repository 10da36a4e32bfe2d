// Entries → embeds: one layout and colour per kind. Text from data is escaped here; limits are enforced in reply.ts.
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Dataset, DealEntry, Entry, EntityEntry, FactEntry, QuoteEntry, SourceEntry } from '../data/dataset.ts';
import { countEntries } from '../data/dataset.ts';
import type { Catalogue } from '../locale/locale.ts';
import { escapeMarkdown, formatLargeNumber, formatMoney, formatQuantity, truncate } from './text.ts';

/** One colour per kind, so a reader knows what they are looking at before reading it. */
export const KIND_COLOURS = Object.freeze({
  quote: 0x5865f2,
  deal: 0x57f287,
  fact: 0xfee75c,
  entity: 0xeb459e,
  source: 0x99aab5,
  notice: 0xed4245,
});

/** Who reads the embed: in which language, and what they may see beyond what every member sees. */
export interface EmbedViewer {
  /** The reader's words (labels, dates, numbers); the data's own text is shown as written. */
  readonly words: Catalogue;
  /** Moderators write article files by hand: they see an entity's id, which those files refer to. */
  readonly moderator?: boolean;
}

/** Renders any entry with the layout of its kind. */
export function renderEntryEmbed(entry: Entry, dataset: Dataset, viewer: EmbedViewer): APIEmbed {
  switch (entry.kind) {
    case 'quote':
      return renderQuoteEmbed(entry, dataset, viewer.words);
    case 'deal':
      return renderDealEmbed(entry, dataset, viewer.words);
    case 'fact':
      return renderFactEmbed(entry, dataset, viewer.words);
    case 'entity':
      return renderEntityEmbed(entry, dataset, viewer);
    case 'source':
      return renderSourceEmbed(entry, dataset, viewer.words);
  }
}

export function renderQuoteEmbed(quote: QuoteEntry, dataset: Dataset, words: Catalogue): APIEmbed {
  const { embed: label } = words;
  const speaker = entity(dataset, quote.speaker);
  const fields: APIEmbedField[] = [field(label.context, escapeMarkdown(quote.context))];
  fields.push(field(label.said, dateWithNote(quote.date, quote.dateNote, words), true));
  fields.push(field(label.quotedAs, quote.form === 'statement' ? label.fullStatement : label.withinSentence, true));
  if (quote.topics.length > 0) fields.push(field(label.topics, escapeMarkdown(quote.topics.join(', ')), true));
  return {
    color: KIND_COLOURS.quote,
    author: { name: speaker ? withRole(speaker) : quote.speaker },
    description: `>>> “${escapeMarkdown(quote.text)}”`,
    fields,
    footer: sourceFooter(dataset, quote.source, words),
  };
}

export function renderDealEmbed(deal: DealEntry, dataset: Dataset, words: Catalogue): APIEmbed {
  const { embed: label } = words;
  const fields: APIEmbedField[] = [];
  fields.push(field(label.parties, withNote(names(dataset, deal.parties, words), deal.partiesNote), true));
  const counterparties = names(dataset, deal.counterparties, words);
  const companies = deal.counterparties.length > 0 && deal.counterparties.every((id) => entity(dataset, id)?.type === 'organisation');
  fields.push(field(companies ? label.company : label.counterparty, withNote(counterparties, deal.counterpartiesNote) || label.notNamed, true));
  fields.push(field(label.value, deal.value ? escapeMarkdown(formatMoney(deal.value, words.format)) : label.notGiven, true));
  if (deal.quantity) fields.push(field(label.quantity, escapeMarkdown(formatQuantity(deal.quantity, words.format)), true));
  fields.push(field(label.status, words.status[deal.status], true));
  fields.push(field(label.date, dateWithNote(deal.date, deal.dateNote, words), true));
  if (deal.notes.length > 0) fields.push(field(label.notes, bullets(deal.notes)));
  if (deal.caveats.length > 0) fields.push(field(label.caveats, bullets(deal.caveats, '⚠️')));
  return {
    color: KIND_COLOURS.deal,
    title: escapeMarkdown(deal.title),
    description: `**${words.status[deal.status]}** · ${escapeMarkdown(deal.category)}`,
    fields,
    footer: sourceFooter(dataset, deal.source, words),
  };
}

export function renderFactEmbed(fact: FactEntry, dataset: Dataset, words: Catalogue): APIEmbed {
  const { embed: label } = words;
  const fields: APIEmbedField[] = [];
  if (fact.subjects.length > 0) fields.push(field(label.about, names(dataset, fact.subjects, words)));
  if (fact.figures.length > 0) {
    const figures = fact.figures.map((figure) => {
      const value = formatLargeNumber(figure.value, words.format);
      return [figure.qualifier, figure.unit === 'USD' ? `$${value}` : `${value} ${figure.unit}`].filter(Boolean).join(' ');
    });
    fields.push(field(label.figures, bullets(figures), true));
  }
  if (fact.date !== undefined || fact.dateNote !== undefined) fields.push(field(label.date, dateWithNote(fact.date, fact.dateNote, words), true));
  if (fact.topics.length > 0) fields.push(field(label.topics, escapeMarkdown(fact.topics.join(', ')), true));
  return {
    color: KIND_COLOURS.fact,
    description: escapeMarkdown(fact.text),
    fields,
    footer: sourceFooter(dataset, fact.source, words),
  };
}

export function renderEntityEmbed(person: EntityEntry, dataset: Dataset, viewer: EmbedViewer): APIEmbed {
  const { words } = viewer;
  const { embed: label, counts } = words;
  const quotes = dataset.quotes.filter((quote) => quote.speaker === person.id);
  const deals = dataset.deals.filter((deal) => deal.parties.includes(person.id) || deal.counterparties.includes(person.id));
  const facts = dataset.facts.filter((fact) => fact.subjects.includes(person.id));
  const fields: APIEmbedField[] = [field(label.type, words.entityType[person.type], true)];
  const country = person.country ? entity(dataset, person.country) : undefined;
  if (country) fields.push(field(label.country, escapeMarkdown(country.name), true));
  if (viewer.moderator === true) fields.push(field(label.id, `\`${person.id}\``, true));
  if (person.aliases.length > 0) fields.push(field(label.alsoWritten, escapeMarkdown(person.aliases.join(', '))));
  fields.push(field(label.inTheData, [counts.quotes(quotes.length), counts.deals(deals.length), counts.facts(facts.length)].join(' · ')));
  if (quotes.length > 0) {
    fields.push(field(label.quotes, quotes.slice(0, 3).map((quote) => `“${escapeMarkdown(truncate(quote.text, 150))}”`).join('\n')));
  }
  if (deals.length > 0) fields.push(field(label.deals, bullets(deals.slice(0, 5).map((deal) => deal.title))));
  const about = [person.role, person.description].filter((text): text is string => Boolean(text));
  return {
    color: KIND_COLOURS.entity,
    title: escapeMarkdown(person.name),
    description: about.length > 0 ? escapeMarkdown(about.join('\n')) : undefined,
    fields,
    footer: sourceFooter(dataset, person.source, words),
  };
}

export function renderSourceEmbed(source: SourceEntry, dataset: Dataset, words: Catalogue): APIEmbed {
  const { embed: label, counts } = words;
  const document = dataset.documents.find((doc) => doc.article.source.id === source.id);
  const fields: APIEmbedField[] = [
    field(label.publisher, escapeMarkdown(source.publisher), true),
    field(label.published, words.format.date(source.published), true),
    field(label.authors, escapeMarkdown(words.format.list(source.authors)), true),
  ];
  if (document) {
    const { quotes, deals, facts, entities } = document.article;
    fields.push(field(label.inTheData, [counts.quotes(quotes.length), counts.deals(deals.length), counts.facts(facts.length), counts.entities(entities.length)].join(' · ')));
  }
  if (source.url) fields.push(field(label.link, source.url));
  return {
    color: KIND_COLOURS.source,
    title: escapeMarkdown(source.subject),
    description: escapeMarkdown(source.summary),
    fields,
    footer: { text: label.sourceId(source.id) },
  };
}

/** The one-line label of an entry: list embeds, select menus and autocomplete choices all use it. */
export function entryLabel(entry: Entry, dataset: Dataset, words: Catalogue): string {
  switch (entry.kind) {
    case 'quote': {
      const speaker = entity(dataset, entry.speaker);
      return `${speaker ? shortName(speaker) : entry.speaker}: “${entry.text}”`;
    }
    case 'deal':
      return entry.title;
    case 'fact':
      return entry.text;
    case 'entity':
      return entry.role ? `${entry.name} (${entry.role})` : entry.name;
    case 'source':
      return `${entry.publisher}, ${words.format.date(entry.published)}: ${entry.subject}`;
  }
}

/** A compact list of results with the current one marked: shown under the entry when there are several. */
export function renderMatchListEmbed(options: {
  readonly title: string;
  readonly entries: readonly Entry[];
  readonly current: number;
  readonly dataset: Dataset;
  readonly words: Catalogue;
  readonly window?: number;
}): APIEmbed {
  const { entries, current, dataset, words } = options;
  const size = options.window ?? 10;
  const start = Math.max(0, Math.min(current - Math.floor(size / 2), entries.length - size));
  const lines = entries.slice(start, start + size).map((entry, offset) => {
    const index = start + offset;
    const label = escapeMarkdown(truncate(entryLabel(entry, dataset, words), 90));
    return index === current ? `**▶ ${index + 1}. ${label}**` : `${index + 1}. ${label}`;
  });
  if (start > 0) lines.unshift(words.embed.earlier(start));
  const after = entries.length - (start + size);
  if (after > 0) lines.push(words.embed.later(after));
  return { color: KIND_COLOURS[entries[current]?.kind ?? 'source'], title: options.title, description: lines.join('\n') };
}

function entity(dataset: Dataset, id: string): EntityEntry | undefined {
  const found = dataset.byId.get(id);
  return found?.kind === 'entity' ? found : undefined;
}

function names(dataset: Dataset, ids: readonly string[], words: Catalogue): string {
  return escapeMarkdown(words.format.list(ids.map((id) => entity(dataset, id)?.name ?? id)));
}

function shortName(person: EntityEntry): string {
  if (person.type !== 'person' || person.anonymous) return person.name;
  return person.name.split(/\s+/).at(-1) ?? person.name;
}

function withRole(person: EntityEntry): string {
  return person.role ? `${person.name} — ${person.role}` : person.name;
}

function withNote(text: string, note: string | undefined): string {
  if (!note) return text;
  return text ? `${text}\n*${escapeMarkdown(note)}*` : escapeMarkdown(note);
}

function dateWithNote(date: string | undefined, note: string | undefined, words: Catalogue): string {
  const shown = date === undefined ? words.embed.notGiven : words.format.date(date);
  return note ? `${shown}\n*${escapeMarkdown(note)}*` : shown;
}

function bullets(items: readonly string[], marker = '•'): string {
  return items.map((item) => `${marker} ${escapeMarkdown(item)}`).join('\n');
}

function field(name: string, value: string, inline = false): APIEmbedField {
  return { name, value, inline };
}

function sourceFooter(dataset: Dataset, sourceId: string, words: Catalogue): { text: string } {
  const source = dataset.byId.get(sourceId);
  if (source?.kind !== 'source') return { text: words.embed.unknownSource(sourceId) };
  return { text: `${source.publisher} · ${words.format.date(source.published)} · ${words.format.list(source.authors)}` };
}

/** Counts of a dataset, written for people: "1 article · 22 quotes · 11 deals · 30 facts · 40 people and organisations". */
export function describeCounts(dataset: Dataset, words: Catalogue): string {
  const counts = countEntries(dataset);
  const { counts: say } = words;
  return [say.articles(counts.sources), say.quotes(counts.quotes), say.deals(counts.deals), say.facts(counts.facts), say.entities(counts.entities)].join(' · ');
}
