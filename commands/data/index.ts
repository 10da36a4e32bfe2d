// /data: moderators bring data live without a restart — whole articles, single entries in forms, drafts, rollback.
import { AUTOCOMPLETE_LIMITS } from '../../src/format/limits.ts';
import type { Reply } from '../../src/format/reply.ts';
import { truncate } from '../../src/format/text.ts';
import { UserError } from '../../src/interaction/errors.ts';
import type { AutocompleteRequest, Choice, Command, CommandRequest, ComponentRequest, ModalRequest } from '../../src/interaction/types.ts';
import { draft, exportData, importUpload, previewButton, reload, rollback, status, validate } from './changes.ts';
import { definition } from './definition.ts';
import { addEntry, editEntry, entryChoices, ENTITY_OPTIONS, removeEntry, submitForm } from './entries.ts';
import { wordsOf } from './shared.ts';

const SUBCOMMANDS: Readonly<Record<string, (request: CommandRequest) => Promise<Reply>>> = Object.freeze({
  status,
  reload,
  validate,
  import: importUpload,
  edit: editEntry,
  add: addEntry,
  remove: removeEntry,
  draft,
  rollback,
  export: exportData,
});

/** Subcommands whose first answer is a form: a form cannot follow a deferral, so these are not deferred. */
const OPENS_A_FORM = new Set(['edit', 'add']);
const ENTITY_FIELDS = new Set<string>([ENTITY_OPTIONS.speaker, ...ENTITY_OPTIONS.parties, ...ENTITY_OPTIONS.counterparties, ...ENTITY_OPTIONS.subjects, ENTITY_OPTIONS.country]);

function execute(request: CommandRequest): Promise<Reply> {
  // The terminal (the only trusted front end) has no forms to show.
  if (request.trusted && OPENS_A_FORM.has(request.options.subcommand ?? '')) return Promise.resolve({ content: wordsOf(request).data.formsInDiscord, ephemeral: true });
  const run = SUBCOMMANDS[request.options.subcommand ?? ''];
  if (!run) throw new UserError('unknown-subcommand', wordsOf(request).messages.unknownSubcommand('data', request.options.subcommand ?? ''));
  return run(request);
}

function component(request: ComponentRequest): Promise<Reply> {
  const [, action = '', token = ''] = request.customId.split(':');
  return previewButton(request, action, token);
}

function modal(request: ModalRequest): Promise<Reply> {
  const [, action, token = ''] = request.customId.split(':');
  if (action !== 'form') return Promise.resolve({ content: wordsOf(request).messages.staleForm, ephemeral: true });
  return submitForm(request, token);
}

function autocomplete(request: AutocompleteRequest): readonly Choice[] {
  const admin = request.services.dataAdmin;
  if (!admin) return [];
  const { dataset, search } = request.snapshot;
  const typed = request.focused.value.toLowerCase();
  const words = wordsOf(request);
  const name = request.focused.name;
  let choices: { name: string; value: string }[];
  if (name === 'entry') {
    choices = entryChoices(dataset, (query) => search.suggest(query, ['quote', 'deal', 'fact', 'entity'], AUTOCOMPLETE_LIMITS.choices), request.focused.value, words);
    return fit(choices);
  }
  if (ENTITY_FIELDS.has(name)) {
    choices = entryChoices(dataset, (query) => search.suggest(query, ['entity'], AUTOCOMPLETE_LIMITS.choices), request.focused.value, words);
    return fit(choices);
  }
  if (name === 'version') {
    choices = admin.versions.map((record) => ({ name: `${record.version} · ${record.action} by ${record.by.name} · ${record.at.slice(0, 16).replace('T', ' ')}`, value: record.version }));
  } else if (name === 'category') {
    choices = [...new Set(dataset.deals.map((deal) => deal.category))].sort().map((category) => ({ name: category, value: category }));
  } else {
    choices = dataset.documents.map((document) => ({ name: `${document.article.source.id}: ${document.article.source.subject}`, value: document.article.source.id }));
  }
  return fit(choices.filter((choice) => choice.name.toLowerCase().includes(typed)));
}

function fit(choices: readonly { name: string; value: string }[]): Choice[] {
  return choices
    .slice(0, AUTOCOMPLETE_LIMITS.choices)
    .map((choice) => ({ name: truncate(choice.name, AUTOCOMPLETE_LIMITS.choiceName), value: choice.value.slice(0, AUTOCOMPLETE_LIMITS.choiceValue) }));
}

export default {
  data: definition,
  autocomplete,
  execute,
  component,
  modal,
  defer: (request) => (OPENS_A_FORM.has(request.options.subcommand ?? '') ? undefined : 'ephemeral'),
  guildOnly: true,
  moderatorOnly: true,
} satisfies Command;
