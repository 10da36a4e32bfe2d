// /data edit, add and remove: one entry at a time, with forms instead of JSON. Each change becomes its article's new
// text and goes through the import path: validated whole, previewed, confirmed, committed, audited, undoable.
import type { Actor } from '../../src/admin/admin.ts';
import {
  articleText,
  fingerprintOf,
  locateEntry,
  newEntryId,
  referencesTo,
  withEntryAdded,
  withEntryRemoved,
  withEntryReplaced,
  type EditableKind,
} from '../../src/admin/entries.ts';
import type { OpenForm } from '../../src/admin/store.ts';
import type { Dataset, Entry } from '../../src/data/dataset.ts';
import type { ArticleFile, Deal, Entity, EntityType, Fact, Quote } from '../../src/data/schema.ts';
import { renderProblems, renderPreview } from '../../src/format/data-embeds.ts';
import { entryLabel } from '../../src/format/embeds.ts';
import { entryForm, readEntryForm, submittedText, type FormFields } from '../../src/format/forms.ts';
import type { Reply } from '../../src/format/reply.ts';
import { escapeMarkdown, truncate } from '../../src/format/text.ts';
import { UserError } from '../../src/interaction/errors.ts';
import type { CommandRequest, ModalRequest } from '../../src/interaction/types.ts';
import type { Catalogue } from '../../src/messages.ts';
import { withExpiry } from './changes.ts';
import { actorOf, adminOf, DATA_ID, wordsOf } from './shared.ts';

/** The command options that choose entities for a new entry, by what they fill. */
export const ENTITY_OPTIONS = Object.freeze({
  speaker: 'speaker',
  parties: ['party', 'party2', 'party3'],
  counterparties: ['counterparty'],
  subjects: ['subject', 'subject2', 'subject3'],
  country: 'country',
});

const FORM_ACTION = 'form';

/** `/data edit entry:<id>`: a form prefilled with the entry's editable fields. */
export async function editEntry(request: CommandRequest): Promise<Reply> {
  const words = wordsOf(request);
  const id = request.options.string('entry') ?? '';
  const located = locateEntry(request.snapshot.dataset, id);
  if (!located) throw new UserError('unknown-entry', notFound(request.snapshot.dataset, id, words));
  const token = await adminOf(request).openForm(actorOf(request), { action: 'edit', kind: located.kind, entry: id, fingerprint: fingerprintOf(located.entry), chosen: {} });
  return { modal: entryForm(located.kind, located.entry, words, { action: 'edit', id, customId: `${DATA_ID}:${FORM_ACTION}:${token}` }) };
}

/** `/data add kind article …`: the same form, empty; the speaker, parties or subjects come from the command's options. */
export async function addEntry(request: CommandRequest): Promise<Reply> {
  const words = wordsOf(request);
  const { data } = words;
  const dataset = request.snapshot.dataset;
  const kind = request.options.string('kind');
  if (kind !== 'quote' && kind !== 'deal' && kind !== 'fact' && kind !== 'entity') throw new UserError('unknown-kind', words.messages.missingOption('kind'));
  const source = request.options.string('article') ?? '';
  if (!dataset.documents.some((document) => document.article.source.id === source)) throw new UserError('unknown-article', data.unknownArticle(source));
  const entity = (option: string): string[] => {
    const id = request.options.string(option);
    if (id === undefined) return [];
    if (dataset.byId.get(id)?.kind !== 'entity') throw new UserError('unknown-entity', data.unknownEntity(option, id));
    return [id];
  };
  const chosen: Record<string, string[]> = {
    speaker: entity(ENTITY_OPTIONS.speaker),
    parties: ENTITY_OPTIONS.parties.flatMap(entity),
    counterparties: ENTITY_OPTIONS.counterparties.flatMap(entity),
    subjects: ENTITY_OPTIONS.subjects.flatMap(entity),
    country: entity(ENTITY_OPTIONS.country),
    category: [request.options.string('category')?.trim() ?? ''].filter(Boolean),
    type: [request.options.string('type') ?? ''].filter(Boolean),
  };
  const missing = requiredFor(kind).filter((option) => (chosen[option.fills] ?? []).length === 0).map((option) => `\`${option.name}\``);
  if (missing.length > 0) throw new UserError('missing-option', data.needsOption(words.forms.kinds[kind], words.format.list(missing)));
  const token = await adminOf(request).openForm(actorOf(request), { action: 'add', kind, source, chosen });
  return { modal: entryForm(kind, undefined, words, { action: 'add', id: source, customId: `${DATA_ID}:${FORM_ACTION}:${token}` }) };
}

/** What each kind of new entry must have chosen before its form opens. */
function requiredFor(kind: EditableKind): { readonly name: string; readonly fills: string }[] {
  switch (kind) {
    case 'quote':
      return [{ name: ENTITY_OPTIONS.speaker, fills: 'speaker' }];
    case 'deal':
      return [
        { name: 'party', fills: 'parties' },
        { name: 'category', fills: 'category' },
      ];
    case 'fact':
      return [];
    case 'entity':
      return [{ name: 'type', fills: 'type' }];
  }
}

/** `/data remove entry:<id>`: the article without it, previewed; refused with a list while other entries refer to it. */
export async function removeEntry(request: CommandRequest): Promise<Reply> {
  const words = wordsOf(request);
  const dataset = request.snapshot.dataset;
  const id = request.options.string('entry') ?? '';
  if (dataset.byId.get(id)?.kind === 'source') throw new UserError('source-entry', words.data.sourcesAreArticles(id));
  const located = locateEntry(dataset, id);
  if (!located) throw new UserError('unknown-entry', notFound(dataset, id, words));
  const referrers = located.kind === 'entity' ? referencesTo(dataset, id) : [];
  if (referrers.length > 0) {
    const list = referrers.slice(0, 15).map((entry) => `• \`${entry.id}\` ${escapeMarkdown(truncate(entryLabel(entry, dataset, words), 80))}`);
    if (referrers.length > 15) list.push(words.data.andMore(referrers.length - 15));
    throw new UserError('still-referenced', words.data.stillReferenced(id, referrers.length, list.join('\n')));
  }
  return preview(request, withEntryRemoved(located.document.article, located.kind, id), { action: 'remove', kind: located.kind, id }, words);
}

/** A submitted form: checked against what it was opened for, then previewed like any change. Nothing typed is lost. */
export async function submitForm(request: ModalRequest, token: string): Promise<Reply> {
  const words = wordsOf(request);
  const { forms } = words;
  const echo = keptForm(submittedText(request.fields), words);
  const keep = (message: string): Reply => ({ ...echo, content: `${message}\n\n${echo.content}` });
  const form = await adminOf(request).takeForm(token, actorOf(request));
  if (form === 'not-yours') return { content: forms.notYours, ephemeral: true };
  if (form === 'expired') return keep(forms.expired);
  const read = readEntryForm(form.kind, request.fields, words);
  if (!read.ok) return keep(read.problems.join('\n'));
  const dataset = request.snapshot.dataset;
  if (form.action === 'edit') {
    const id = form.entry ?? '';
    const located = locateEntry(dataset, id);
    if (!located) return keep(forms.goneSinceOpened(id));
    if (fingerprintOf(located.entry) !== form.fingerprint) return keep(forms.changedSinceOpened(id));
    const edited = withFields(located.entry, read.value);
    return preview(request, withEntryReplaced(located.document.article, located.kind, edited), { action: 'edit', kind: located.kind, id }, words, echo);
  }
  const document = dataset.documents.find((candidate) => candidate.article.source.id === form.source);
  if (!document) return keep(words.data.unknownArticle(form.source ?? ''));
  const entry = newEntry(dataset, form, read.value, document.article.source.id);
  return preview(request, withEntryAdded(document.article, form.kind, entry), { action: 'add', kind: form.kind, id: entry.id }, words, echo);
}

/** The changed article as an import: refused with its problems, or a preview with Confirm and Cancel. */
async function preview(
  request: CommandRequest | ModalRequest,
  article: ArticleFile,
  change: { readonly action: 'edit' | 'add' | 'remove'; readonly kind: EditableKind; readonly id: string },
  words: Catalogue,
  echo?: Reply,
): Promise<Reply> {
  const admin = adminOf(request);
  const actor: Actor = actorOf(request);
  const result = await admin.prepareImportFromText(articleText(article), actor, undefined, { action: change.action, entry: change.id });
  if (result.kind === 'invalid') {
    const refused = renderProblems(words.data.changeRefused, result.problems, words);
    // A refused form shows what was typed beside the problems, so that nothing is lost.
    return echo === undefined ? refused : { ...refused, content: echo.content, files: echo.files };
  }
  const reply = renderPreview(result, words, { action: change.action, kind: words.forms.kinds[change.kind], id: change.id });
  // A slash command's preview replaces itself when it expires; a form's answer is a new message with no token to edit later.
  return 'fields' in request ? reply : withExpiry(reply, admin, result, actor, words);
}

/** The entry with the form's fields in place of its own; everything the form does not show is kept. */
function withFields<T extends Quote | Deal | Fact | Entity>(entry: T, form: FormFields): T {
  // An emptied optional field is removed, not stored empty.
  return Object.fromEntries(Object.entries({ ...entry, ...form.fields }).filter(([, value]) => value !== undefined)) as T;
}

/** A new entry from a submitted form and the choices made when it opened, with an id in the data's style. */
function newEntry(dataset: Dataset, form: OpenForm, read: FormFields, source: string): Quote | Deal | Fact | Entity {
  const first = (key: string): string | undefined => form.chosen[key]?.[0];
  const clean = <T extends object>(entry: T): T => Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)) as T;
  switch (read.kind) {
    case 'quote': {
      const speaker = first('speaker') ?? '';
      const surname = dataset.byId.get(speaker)?.id.split('-').at(-1) ?? '';
      return clean({ id: newEntryId(dataset, 'quote', `${surname} ${read.fields.text}`), speaker, ...read.fields, source });
    }
    case 'deal':
      return clean({
        id: newEntryId(dataset, 'deal', read.fields.title),
        ...read.fields,
        parties: form.chosen.parties ?? [],
        counterparties: form.chosen.counterparties ?? [],
        category: first('category') ?? '',
        source,
      });
    case 'fact':
      return clean({ id: newEntryId(dataset, 'fact', read.fields.text), ...read.fields, subjects: form.chosen.subjects ?? [], figures: [], source });
    case 'entity':
      return clean({
        id: newEntryId(dataset, 'entity', read.fields.name),
        type: (first('type') ?? 'person') as EntityType,
        ...read.fields,
        country: first('country'),
        anonymous: false,
        source,
      });
  }
}

/** What was submitted, shown back (cut to fit a message) and attached whole, so that nothing typed is lost. */
function keptForm(submitted: string, words: Catalogue): Reply & { content: string } {
  return {
    content: `${words.forms.yourForm}\n\`\`\`\n${truncate(submitted.replace(/`/g, "'"), 1500)}\n\`\`\``,
    files: [{ name: 'form.txt', data: Buffer.from(`${submitted}\n`) }],
    ephemeral: true,
  };
}

function notFound(dataset: Dataset, id: string, words: Catalogue): string {
  return dataset.byId.has(id) ? words.data.sourcesAreArticles(id) : words.data.unknownEntry(id);
}

/** Autocomplete over every entry and entity, labelled with its kind and id: moderators see the ids files use. */
export function entryChoices(dataset: Dataset, search: (query: string) => readonly Entry[], typed: string, words: Catalogue): { name: string; value: string }[] {
  const kinds: Readonly<Record<string, string>> = words.forms.kinds;
  return search(typed)
    .filter((entry) => entry.kind !== 'source')
    .map((entry) => ({ name: `${kinds[entry.kind] ?? entry.kind} · ${entry.id} · ${entryLabel(entry, dataset, words)}`, value: entry.id }));
}
