// Discord's limits (../shared/docs/discord-limits.md), written once; every reply is checked against these.
import { MessageFlags } from 'discord-api-types/v10';

export const EMBED_LIMITS = Object.freeze({
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer and author name, summed over every embed of a message. */
  total: 6000,
  embedsPerMessage: 10,
});

export const MESSAGE_LIMITS = Object.freeze({
  content: 2000,
});

export const COMPONENT_LIMITS = Object.freeze({
  actionRows: 5,
  buttonsPerRow: 5,
  selectOptions: 25,
  customId: 100,
  buttonLabel: 80,
  selectOptionLabel: 100,
  selectOptionDescription: 100,
  selectOptionValue: 100,
  selectPlaceholder: 150,
});

export const AUTOCOMPLETE_LIMITS = Object.freeze({
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
});

export const COMMAND_LIMITS = Object.freeze({
  name: 32,
  description: 100,
  options: 25,
  choices: 25,
  totalCharacters: 8000,
  commands: 100,
});

/** The only flag a deferred response accepts, and the one that makes a reply visible to its invoker alone. */
export const EPHEMERAL_FLAG = MessageFlags.Ephemeral;
