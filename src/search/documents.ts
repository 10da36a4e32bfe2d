// What each entry is found by: names (speakers, companies, people), titles, and body text, normalised once per snapshot.
import type { Dataset, Entry, EntityEntry } from '../data/dataset.ts';
import { normalizeForSearch } from './normalize.ts';

/** One searchable record per entry. Fields are already normalised; weights decide how they rank. */
export interface SearchDocument {
  readonly id: string;
  readonly kind: Entry['kind'];
  /** Speakers, parties, counterparties, subjects, an entity's own names: matches here rank highest. */
  readonly names: readonly string[];
  /** Deal titles and categories, roles, topics. */
  readonly title: readonly string[];
  /** Quote words, context, notes, fact text. */
  readonly body: readonly string[];
}

/** Field weights: a name match outranks a title match, which outranks body text. */
export const FIELD_WEIGHTS = Object.freeze({ names: 4, title: 2, body: 1 });

/** Names and aliases of an entity, the way users type them. */
export function entityNames(entity: EntityEntry): string[] {
  const names = [entity.name, ...entity.aliases];
  // "Kassym-Jomart Tokayev" is also typed as its last word alone.
  const surname = entity.type === 'person' && !entity.anonymous ? entity.name.split(/\s+/).at(-1) : undefined;
  if (surname && surname.length > 2) names.push(surname);
  return names;
}

export function buildSearchDocuments(dataset: Dataset): SearchDocument[] {
  const namesById = new Map<string, string[]>();
  for (const entity of dataset.entities) namesById.set(entity.id, entityNames(entity));
  const namesOf = (ids: readonly string[]): string[] => ids.flatMap((id) => namesById.get(id) ?? []);

  const documents: SearchDocument[] = [];
  const push = (entry: Entry, names: string[], title: string[], body: string[]): void => {
    documents.push({
      id: entry.id,
      kind: entry.kind,
      names: unique(names),
      title: unique(title),
      body: unique(body),
    });
  };

  for (const quote of dataset.quotes) {
    push(quote, namesOf([quote.speaker]), quote.topics, [quote.text, quote.context]);
  }
  for (const deal of dataset.deals) {
    push(
      deal,
      namesOf([...deal.counterparties, ...deal.parties]),
      [deal.title, deal.category, ...(deal.quantity ? [deal.quantity.unit] : [])],
      [...deal.notes, deal.partiesNote ?? '', deal.counterpartiesNote ?? '', deal.value?.text ?? ''],
    );
  }
  for (const fact of dataset.facts) {
    push(fact, namesOf(fact.subjects), fact.topics, [fact.text]);
  }
  for (const entity of dataset.entities) {
    push(entity, entityNames(entity), [entity.role ?? ''], [entity.description ?? '']);
  }
  for (const source of dataset.sources) {
    push(source, [source.publisher, ...source.authors], [source.subject], [source.summary]);
  }
  return documents;
}

function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const normalized = normalizeForSearch(value);
    if (normalized) seen.add(normalized);
  }
  return [...seen];
}
