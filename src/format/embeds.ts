// Entries → embeds: one layout and colour per kind. Text from data is escaped here; limits are enforced in reply.ts.
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Dataset, DealEntry, Entry, EntityEntry, FactEntry, QuoteEntry, SourceEntry } from '../data/dataset.ts';
import { countEntries } from '../data/dataset.ts';
import type { DealStatus } from '../data/schema.ts';
import { escapeMarkdown, formatLargeNumber, formatMoney, formatPartialDate, formatQuantity, joinNames, truncate } from './text.ts';

/** One colour per kind, so a reader knows what they are looking at before reading it. */
export const KIND_COLOURS = Object.freeze({
  quote: 0x5865f2,
  deal: 0x57f287,
  fact: 0xfee75c,
  entity: 0xeb459e,
  source: 0x99aab5,
  notice: 0xed4245,
});

/** How each deal status reads; typed against the schema so a new status cannot go unlabelled. */
const STATUS_LABELS: Readonly<Record<DealStatus, string>> = Object.freeze({
  committed: 'Committed',
  promised: 'Promised',
  announced: 'Announced',
  agreed: 'Agreed',
  approved: 'Approved',
  completed: 'Completed',
  reported: 'Reported',
  unclear: 'Unclear',
});

const ENTITY_TYPE_LABELS = Object.freeze({ person: 'Person', organisation: 'Organisation', country: 'Country' });

/** What the reader may see beyond what every member sees. */
export interface EmbedViewer {
  /** Moderators write article files by hand: they see an entity's id, which those files refer to. */
  readonly moderator?: boolean;
}

/** Renders any entry with the layout of its kind. */
export function renderEntryEmbed(entry: Entry, dataset: Dataset, viewer: EmbedViewer = {}): APIEmbed {
  switch (entry.kind) {
    case 'quote':
      return renderQuoteEmbed(entry, dataset);
    case 'deal':
      return renderDealEmbed(entry, dataset);
    case 'fact':
      return renderFactEmbed(entry, dataset);
    case 'entity':
      return renderEntityEmbed(entry, dataset, viewer);
    case 'source':
      return renderSourceEmbed(entry, dataset);
  }
}

export function renderQuoteEmbed(quote: QuoteEntry, dataset: Dataset): APIEmbed {
  const speaker = entity(dataset, quote.speaker);
  const fields: APIEmbedField[] = [field('Context', escapeMarkdown(quote.context))];
  fields.push(field('Said', dateWithNote(quote.date, quote.dateNote), true));
  fields.push(field('Quoted as', quote.form === 'statement' ? 'Full statement' : 'Words within the reporter’s sentence', true));
  if (quote.topics.length > 0) fields.push(field('Topics', escapeMarkdown(quote.topics.join(', ')), true));
  return {
    color: KIND_COLOURS.quote,
    author: { name: speaker ? withRole(speaker) : quote.speaker },
    description: `>>> “${escapeMarkdown(quote.text)}”`,
    fields,
    footer: sourceFooter(dataset, quote.source),
  };
}

export function renderDealEmbed(deal: DealEntry, dataset: Dataset): APIEmbed {
  const fields: APIEmbedField[] = [];
  fields.push(field('Parties', withNote(names(dataset, deal.parties), deal.partiesNote), true));
  const counterparties = names(dataset, deal.counterparties);
  const companies = deal.counterparties.length > 0 && deal.counterparties.every((id) => entity(dataset, id)?.type === 'organisation');
  const companyLabel = companies ? 'Company' : 'Counterparty';
  fields.push(field(companyLabel, withNote(counterparties, deal.counterpartiesNote) || 'Not named', true));
  fields.push(field('Value', deal.value ? escapeMarkdown(formatMoney(deal.value)) : 'Not given', true));
  if (deal.quantity) fields.push(field('Quantity', escapeMarkdown(formatQuantity(deal.quantity)), true));
  fields.push(field('Status', STATUS_LABELS[deal.status], true));
  fields.push(field('Date', dateWithNote(deal.date, deal.dateNote), true));
  if (deal.notes.length > 0) fields.push(field('Notes', bullets(deal.notes)));
  if (deal.caveats.length > 0) fields.push(field('Caveats', bullets(deal.caveats, '⚠️')));
  return {
    color: KIND_COLOURS.deal,
    title: escapeMarkdown(deal.title),
    description: `**${STATUS_LABELS[deal.status]}** · ${escapeMarkdown(deal.category)}`,
    fields,
    footer: sourceFooter(dataset, deal.source),
  };
}

export function renderFactEmbed(fact: FactEntry, dataset: Dataset): APIEmbed {
  const fields: APIEmbedField[] = [];
  if (fact.subjects.length > 0) fields.push(field('About', names(dataset, fact.subjects)));
  if (fact.figures.length > 0) {
    const figures = fact.figures.map((figure) =>
      [figure.qualifier, figure.unit === 'USD' ? `$${formatLargeNumber(figure.value)}` : `${formatLargeNumber(figure.value)} ${figure.unit}`]
        .filter(Boolean)
        .join(' '),
    );
    fields.push(field('Figures', bullets(figures), true));
  }
  if (fact.date !== undefined || fact.dateNote !== undefined) fields.push(field('Date', dateWithNote(fact.date, fact.dateNote), true));
  if (fact.topics.length > 0) fields.push(field('Topics', escapeMarkdown(fact.topics.join(', ')), true));
  return {
    color: KIND_COLOURS.fact,
    description: escapeMarkdown(fact.text),
    fields,
    footer: sourceFooter(dataset, fact.source),
  };
}

export function renderEntityEmbed(person: EntityEntry, dataset: Dataset, viewer: EmbedViewer = {}): APIEmbed {
  const quotes = dataset.quotes.filter((quote) => quote.speaker === person.id);
  const deals = dataset.deals.filter((deal) => deal.parties.includes(person.id) || deal.counterparties.includes(person.id));
  const facts = dataset.facts.filter((fact) => fact.subjects.includes(person.id));
  const fields: APIEmbedField[] = [field('Type', ENTITY_TYPE_LABELS[person.type], true)];
  const country = person.country ? entity(dataset, person.country) : undefined;
  if (country) fields.push(field('Country', escapeMarkdown(country.name), true));
  if (viewer.moderator === true) fields.push(field('Id', `\`${person.id}\``, true));
  if (person.aliases.length > 0) fields.push(field('Also written', escapeMarkdown(person.aliases.join(', '))));
  fields.push(field('In the data', `${plural(quotes.length, 'quote')} · ${plural(deals.length, 'deal')} · ${plural(facts.length, 'fact')}`));
  if (quotes.length > 0) {
    fields.push(field('Quotes', quotes.slice(0, 3).map((quote) => `“${escapeMarkdown(truncate(quote.text, 150))}”`).join('\n')));
  }
  if (deals.length > 0) fields.push(field('Deals', bullets(deals.slice(0, 5).map((deal) => deal.title))));
  const about = [person.role, person.description].filter((text): text is string => Boolean(text));
  return {
    color: KIND_COLOURS.entity,
    title: escapeMarkdown(person.name),
    description: about.length > 0 ? escapeMarkdown(about.join('\n')) : undefined,
    fields,
    footer: sourceFooter(dataset, person.source),
  };
}

export function renderSourceEmbed(source: SourceEntry, dataset: Dataset): APIEmbed {
  const document = dataset.documents.find((doc) => doc.article.source.id === source.id);
  const fields: APIEmbedField[] = [
    field('Publisher', escapeMarkdown(source.publisher), true),
    field('Published', formatPartialDate(source.published), true),
    field('Authors', escapeMarkdown(joinNames(source.authors)), true),
  ];
  if (document) {
    const { quotes, deals, facts, entities } = document.article;
    fields.push(
      field('In the data', `${plural(quotes.length, 'quote')} · ${plural(deals.length, 'deal')} · ${plural(facts.length, 'fact')} · ${plural(entities.length, 'person or organisation', 'people and organisations')}`),
    );
  }
  if (source.url) fields.push(field('Link', source.url));
  return {
    color: KIND_COLOURS.source,
    title: escapeMarkdown(source.subject),
    description: escapeMarkdown(source.summary),
    fields,
    footer: { text: `Source id: ${source.id}` },
  };
}

/** The one-line label of an entry: list embeds, select menus and autocomplete choices all use it. */
export function entryLabel(entry: Entry, dataset: Dataset): string {
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
      return `${entry.publisher}, ${formatPartialDate(entry.published)}: ${entry.subject}`;
  }
}

/** A compact list of results with the current one marked: shown under the entry when there are several. */
export function renderMatchListEmbed(options: {
  readonly title: string;
  readonly entries: readonly Entry[];
  readonly current: number;
  readonly dataset: Dataset;
  readonly window?: number;
}): APIEmbed {
  const { entries, current, dataset } = options;
  const size = options.window ?? 10;
  const start = Math.max(0, Math.min(current - Math.floor(size / 2), entries.length - size));
  const lines = entries.slice(start, start + size).map((entry, offset) => {
    const index = start + offset;
    const label = escapeMarkdown(truncate(entryLabel(entry, dataset), 90));
    return index === current ? `**▶ ${index + 1}. ${label}**` : `${index + 1}. ${label}`;
  });
  if (start > 0) lines.unshift(`… ${start} before`);
  const after = entries.length - (start + size);
  if (after > 0) lines.push(`… ${after} more`);
  return { color: KIND_COLOURS[entries[current]?.kind ?? 'source'], title: options.title, description: lines.join('\n') };
}

function entity(dataset: Dataset, id: string): EntityEntry | undefined {
  const found = dataset.byId.get(id);
  return found?.kind === 'entity' ? found : undefined;
}

function names(dataset: Dataset, ids: readonly string[]): string {
  return escapeMarkdown(joinNames(ids.map((id) => entity(dataset, id)?.name ?? id)));
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

function dateWithNote(date: string | undefined, note: string | undefined): string {
  if (date === undefined) return note ? `Not given\n*${escapeMarkdown(note)}*` : 'Not given';
  return note ? `${formatPartialDate(date)}\n*${escapeMarkdown(note)}*` : formatPartialDate(date);
}

function bullets(items: readonly string[], marker = '•'): string {
  return items.map((item) => `${marker} ${escapeMarkdown(item)}`).join('\n');
}

function plural(count: number, singular: string, many = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : many}`;
}

function field(name: string, value: string, inline = false): APIEmbedField {
  return { name, value, inline };
}

function sourceFooter(dataset: Dataset, sourceId: string): { text: string } {
  const source = dataset.byId.get(sourceId);
  if (source?.kind !== 'source') return { text: `Source: ${sourceId}` };
  return { text: `${source.publisher} · ${formatPartialDate(source.published)} · ${joinNames(source.authors)}` };
}

/** Counts of a dataset, written for people: "22 quotes · 11 deals · 30 facts · 40 people and organisations". */
export function describeCounts(dataset: Dataset): string {
  const counts = countEntries(dataset);
  return [
    plural(counts.sources, 'article'),
    plural(counts.quotes, 'quote'),
    plural(counts.deals, 'deal'),
    plural(counts.facts, 'fact'),
    plural(counts.entities, 'person or organisation', 'people and organisations'),
  ].join(' · ');
}
