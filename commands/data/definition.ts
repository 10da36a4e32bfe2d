// /data as Discord registers it: guild install only, Manage Server by default, and every subcommand's options.
import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
} from 'discord-api-types/v10';
import { MANAGE_GUILD } from '../../src/interaction/permissions.ts';
import type { CommandDefinition } from '../../src/interaction/types.ts';
import { ENTITY_OPTIONS } from './entries.ts';
import { SOURCE_TEXT } from './shared.ts';

const entity = (name: string, description: string): APIApplicationCommandBasicOption => ({ type: ApplicationCommandOptionType.String, name, description, autocomplete: true });

/** A subcommand that takes one uploaded article, and optionally the text it was extracted from. */
function withFile(name: string, description: string): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name,
    description,
    options: [
      { type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'One article as JSON', required: true },
      { type: ApplicationCommandOptionType.Attachment, name: SOURCE_TEXT, description: 'The article’s text (.txt or .md): refuses wording copied from it and quotes it does not print' },
    ],
  };
}

const ENTRY: APIApplicationCommandBasicOption = { type: ApplicationCommandOptionType.String, name: 'entry', description: 'A quote, deal, fact or entity, by its words or id', required: true, autocomplete: true };

export const definition: CommandDefinition = {
  name: 'data',
  description: 'Manage the bot’s data (moderators): status, changes, entries, drafts, rollback, export',
  default_member_permissions: String(MANAGE_GUILD),
  // Never through a user install: moderation belongs to the server that installed the bot.
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
  options: [
    { type: ApplicationCommandOptionType.Subcommand, name: 'status', description: 'The live data: version, counts, articles, last change, shards' },
    { type: ApplicationCommandOptionType.Subcommand, name: 'reload', description: 'Re-read the data directory and swap it in if it is valid' },
    withFile('validate', 'Check an article file and show what it would change, without applying it'),
    withFile('import', 'Add or replace an article; applied only after you confirm'),
    { type: ApplicationCommandOptionType.Subcommand, name: 'edit', description: 'Fix one quote, deal, fact or entity in a form', options: [ENTRY] },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Add a quote, deal, fact or entity to an article, in a form',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'kind',
          description: 'What to add',
          required: true,
          choices: [
            { name: 'Quote', value: 'quote' },
            { name: 'Deal', value: 'deal' },
            { name: 'Fact', value: 'fact' },
            { name: 'Person, organisation or country', value: 'entity' },
          ],
        },
        { type: ApplicationCommandOptionType.String, name: 'article', description: 'The article it comes from', required: true, autocomplete: true },
        entity(ENTITY_OPTIONS.speaker, 'Quote: who said it'),
        ...ENTITY_OPTIONS.parties.map((name, i) => entity(name, i === 0 ? 'Deal: who buys or commits' : 'Deal: another party')),
        ...ENTITY_OPTIONS.counterparties.map((name) => entity(name, 'Deal: the company or state on the other side')),
        { type: ApplicationCommandOptionType.String, name: 'category', description: 'Deal: what kind (Aircraft, Minerals…)', autocomplete: true, max_length: 100 },
        ...ENTITY_OPTIONS.subjects.map((name, i) => entity(name, i === 0 ? 'Fact: who or what it is about' : 'Fact: another subject')),
        {
          type: ApplicationCommandOptionType.String,
          name: 'type',
          description: 'Entity: person, organisation or country',
          choices: [
            { name: 'Person', value: 'person' },
            { name: 'Organisation', value: 'organisation' },
            { name: 'Country', value: 'country' },
          ],
        },
        entity(ENTITY_OPTIONS.country, 'Entity: the country it belongs to'),
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'remove', description: 'Remove one quote, deal, fact or entity (after a preview)', options: [ENTRY] },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'draft',
      description: 'Draft an article file from the article’s text, then preview it as an import',
      options: [
        { type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'The article’s text: .txt, .md or .html', required: true },
        { type: ApplicationCommandOptionType.String, name: 'publisher', description: 'Who published it, e.g. The New York Times', required: true, max_length: 100 },
        { type: ApplicationCommandOptionType.String, name: 'published', description: 'Publication date, YYYY-MM-DD', required: true, min_length: 10, max_length: 10 },
        { type: ApplicationCommandOptionType.String, name: 'authors', description: 'Its authors, separated by commas', required: true, max_length: 500 },
        { type: ApplicationCommandOptionType.String, name: 'url', description: 'Its web address, when it has one', max_length: 500 },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'rollback',
      description: 'Return to the previous version (or one you pick)',
      options: [{ type: ApplicationCommandOptionType.String, name: 'version', description: 'A kept version; default: the one before the live one', autocomplete: true }],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'export',
      description: 'Attach the live data (or one article) as JSON',
      options: [{ type: ApplicationCommandOptionType.String, name: 'article', description: 'One article; default: all', autocomplete: true }],
    },
  ],
};
