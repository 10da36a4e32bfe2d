// The fake Discord for modals: what a modal callback may hold, and submitting one like a user (or forging one).
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  Routes,
  StringSelectMenuBuilder,
  TextDisplayBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Client,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { Context, LIMITS, type FakeDiscord } from '../support/fake-discord/index.ts';
import { apiError, fakeDiscordSuite, onNextInteraction, value } from './fake-discord-client.ts';

const { startFake, startClient } = fakeDiscordSuite();

/** The edit form of issue 11, built the way discord.js 14.28 builds modals: labels around a text input and a select. */
function editForm(): ModalBuilder {
  const text = new TextInputBuilder().setCustomId('text').setStyle(TextInputStyle.Paragraph).setValue('Old wording').setMaxLength(LIMITS.textInputValue);
  const status = new StringSelectMenuBuilder()
    .setCustomId('status')
    .addOptions({ label: 'Signed', value: 'signed', default: true }, { label: 'Planned', value: 'planned' })
    .setMinValues(1)
    .setMaxValues(1);
  return new ModalBuilder()
    .setCustomId('edit:quote-1:v7')
    .setTitle('Edit quote')
    .addTextDisplayComponents(new TextDisplayBuilder().setContent('Changes go through the usual preview.'))
    .addLabelComponents(
      new LabelBuilder().setLabel('Text').setDescription('As said, word for word').setTextInputComponent(text),
      new LabelBuilder().setLabel('Status').setStringSelectMenuComponent(status),
    );
}

/** Sends /data edit and shows `modal` (or a raw one) in answer; resolves with the refusal, if any. */
async function showModal(discord: FakeDiscord, client: Client, modal: ModalBuilder | Readonly<Record<string, unknown>>) {
  const shown = onNextInteraction(client, async (interaction) => {
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    if (modal instanceof ModalBuilder) await interaction.showModal(modal);
    else await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: 9, data: modal }, auth: false });
  });
  const handle = discord.sendCommand({ name: 'data', subcommand: 'edit' });
  return { handle, outcome: await shown };
}

describe('fake Discord: modals', () => {
  it('given a modal with labels, then it is recorded, and a user submission reaches discord.js with prefilled and entered values', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const { handle, outcome } = await showModal(discord, client, editForm());
    value(outcome);

    const modal = await handle.modal();
    expect(modal).toMatchObject({ custom_id: 'edit:quote-1:v7', title: 'Edit quote', components: [{ type: 10 }, { type: 18, label: 'Text' }, { type: 18, label: 'Status' }] });
    expect(await handle.callback()).toMatchObject({ type: 9, status: 204 });

    const submitted = onNextInteraction(client, async (interaction) => {
      if (!interaction.isModalSubmit()) throw new Error('expected a modal submission');
      await interaction.reply({ content: 'previewing', flags: MessageFlags.Ephemeral });
      return { customId: interaction.customId, text: interaction.fields.getTextInputValue('text'), status: interaction.fields.getStringSelectValues('status') };
    });
    const submission = await discord.submitModal(handle, { values: { status: ['planned'] } });

    expect(value(await submitted)).toEqual({ customId: 'edit:quote-1:v7', text: 'Old wording', status: ['planned'] });
    expect(submission.payload).toMatchObject({
      type: 5,
      data: {
        custom_id: 'edit:quote-1:v7',
        components: [{ type: 10 }, { type: 18, component: { type: 4, custom_id: 'text', value: 'Old wording' } }, { type: 18, component: { type: 3, custom_id: 'status', values: ['planned'] } }],
      },
    });
    expect(submission.payload).not.toHaveProperty('message');
    expect((await submission.message()).interaction_metadata).toMatchObject({ type: 5, triggering_interaction_metadata: { id: handle.id, type: 2 } });
    await expect(discord.submitModal(handle, { values: { text: 'again' } })).rejects.toThrow(/already submitted/);
  });

  it('given modals over a limit, then each callback is refused with 50035 like Discord refuses it', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const row = (input: Readonly<Record<string, unknown>>) => ({ type: 1, components: [{ type: 4, custom_id: 'a', style: 1, label: 'A', ...input }] });
    const modal = (extra: Readonly<Record<string, unknown>>) => ({ custom_id: 'm', title: 'Edit', components: [row({})], ...extra });
    const refusal = async (data: Readonly<Record<string, unknown>>) => {
      const { outcome } = await showModal(discord, client, data);
      return outcome.ok ? 'accepted' : apiError(outcome).rawError;
    };

    expect(await refusal(modal({ title: 't'.repeat(LIMITS.modalTitle + 1) }))).toMatchObject({ errors: { data: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
    expect(await refusal(modal({ custom_id: 'c'.repeat(LIMITS.customId + 1) }))).toMatchObject({ errors: { data: { custom_id: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
    const six = Array.from({ length: LIMITS.modalComponents + 1 }, (_, index) => ({ type: 1, components: [{ type: 4, custom_id: `f${index}`, style: 1, label: 'F' }] }));
    expect(await refusal(modal({ components: six }))).toMatchObject({ errors: { data: { components: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
    expect(await refusal(modal({ components: [] }))).toMatchObject({ errors: { data: { components: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } } });
    expect(await refusal(modal({ components: [row({ value: 'v'.repeat(LIMITS.textInputValue + 1) })] }))).toMatchObject({ errors: { data: { components: { '0': { components: { '0': { value: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } } } } } });
    expect(await refusal(modal({ components: [row({ label: 'l'.repeat(LIMITS.modalLabel + 1) })] }))).toMatchObject({ errors: { data: { components: { '0': { components: { '0': { label: {} } } } } } } });
    expect(await refusal(modal({ components: [row({ placeholder: 'p'.repeat(LIMITS.textInputPlaceholder + 1) })] }))).toMatchObject({ errors: { data: { components: { '0': { components: { '0': { placeholder: {} } } } } } } });
    expect(await refusal(modal({ components: [row({ min_length: LIMITS.textInputValue + 1 })] }))).toMatchObject({ errors: { data: { components: { '0': { components: { '0': { min_length: { _errors: [{ code: 'NUMBER_TYPE_MAX' }] } } } } } } } });
    expect(await refusal(modal({ components: [row({ style: 3 })] }))).toMatchObject({ errors: { data: { components: { '0': { components: { '0': { style: {} } } } } } } });
    expect(await refusal(modal({ components: [row({ label: undefined })] }))).toMatchObject({ errors: { data: { components: { '0': { components: { '0': { label: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } } } } } } });
    const twoInRow = { type: 1, components: [{ type: 4, custom_id: 'a', style: 1, label: 'A' }, { type: 4, custom_id: 'b', style: 1, label: 'B' }] };
    expect(await refusal(modal({ components: [twoInRow] }))).toMatchObject({ errors: { data: { components: { '0': { components: { _errors: [{ code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED' }] } } } } } });
    const label = (component: Readonly<Record<string, unknown>>, text = 'Pick') => ({ type: 18, label: text, component });
    const select = { type: 3, custom_id: 's', options: [{ label: 'A', value: 'a' }] };
    expect(await refusal(modal({ components: [label({ ...select, disabled: true })] }))).toMatchObject({ errors: { data: { components: { '0': { component: { disabled: {} } } } } } });
    expect(await refusal(modal({ components: [label(select, 'l'.repeat(LIMITS.modalLabel + 1))] }))).toMatchObject({ errors: { data: { components: { '0': { label: {} } } } } });
    expect(await refusal(modal({ components: [label({ type: 2, style: 1, custom_id: 'b', label: 'B' })] }))).toMatchObject({ errors: { data: { components: { '0': { component: { type: {} } } } } } });
    expect(await refusal(modal({ components: [row({}), label({ type: 4, custom_id: 'a', style: 1 })] }))).toMatchObject({ errors: { data: { components: { '1': { component: { custom_id: { _errors: [{ code: 'COMPONENT_CUSTOM_ID_DUPLICATED' }] } } } } } } });
    expect(await refusal(modal({ components: [{ type: 2, style: 1, custom_id: 'b', label: 'B' }] }))).toMatchObject({ errors: { data: { components: { '0': { type: {} } } } } });
    expect(await refusal(modal({ components: [row({ value: 'v'.repeat(4000), max_length: 4000, min_length: 0, required: false })] }))).toBe('accepted');
  });

  it('given a submission Discord would not let through, then submitModal throws; a different user must forge one', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const form = new ModalBuilder()
      .setCustomId('add')
      .setTitle('Add')
      .addLabelComponents(new LabelBuilder().setLabel('Name').setTextInputComponent(new TextInputBuilder().setCustomId('name').setStyle(TextInputStyle.Short).setMinLength(2).setMaxLength(10)));
    const { handle, outcome } = await showModal(discord, client, form);
    value(outcome);

    await expect(discord.submitModal(handle)).rejects.toThrow(/"name" of modal "add" is required/);
    await expect(discord.submitModal(handle, { values: { name: 'n'.repeat(11) } })).rejects.toThrow(/at most 10 characters/);
    await expect(discord.submitModal(handle, { values: { name: 'x' } })).rejects.toThrow(/at least 2 characters/);
    await expect(discord.submitModal(handle, { values: { name: 'ok', other: 'x' } })).rejects.toThrow(/has no field\(s\) other/);
    await expect(discord.submitModal(handle, { values: { name: 'ok' }, user: { id: '300000000000000099' } })).rejects.toThrow(/only user 300000000000000001 sees this modal/);

    const forged = onNextInteraction(client, async (interaction) => {
      if (!interaction.isModalSubmit()) throw new Error('expected a modal submission');
      await interaction.reply({ content: 'refused', flags: MessageFlags.Ephemeral });
      return { user: interaction.user.id, name: interaction.fields.getTextInputValue('name'), picked: interaction.fields.getStringSelectValues('kind') };
    });
    const forgery = await discord.submitModal({ customId: 'add', values: { name: 'Mallory', kind: ['deal'] }, user: { id: '300000000000000099' }, context: Context.PrivateChannel });

    expect(value(await forged)).toEqual({ user: '300000000000000099', name: 'Mallory', picked: ['deal'] });
    expect(forgery.payload).toMatchObject({ type: 5, context: 2, data: { custom_id: 'add' } });
  });

  it('given a modal opened from a button, then its submission carries the message and may update it; one opened from a command may not', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const replied = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      const edit = new ButtonBuilder().setCustomId('open-edit').setLabel('Edit').setStyle(ButtonStyle.Primary);
      await interaction.reply({ content: 'entry', components: [new ActionRowBuilder<ButtonBuilder>().addComponents(edit)], flags: MessageFlags.Ephemeral });
    });
    const command = discord.sendCommand({ name: 'data', subcommand: 'show' });
    value(await replied);
    const opened = onNextInteraction(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      await interaction.showModal(editForm());
    });
    const click = await discord.clickButton(command, 'open-edit');
    value(await opened);

    const updated = onNextInteraction(client, async (interaction) => {
      if (!interaction.isModalSubmit() || !interaction.isFromMessage()) throw new Error('expected a modal submission from a message');
      await interaction.update({ content: `saved: ${interaction.fields.getTextInputValue('text')}`, components: [] });
      return interaction.message.id;
    });
    const submission = await discord.submitModal(click, { values: { text: 'New wording' } });

    expect(value(await updated)).toBe((await command.message()).id);
    expect(await submission.callback()).toMatchObject({ type: 7, status: 204 });
    expect((await command.message()).content).toBe('saved: New wording');

    const { handle } = await showModal(discord, client, editForm());
    const refused = onNextInteraction(client, async (interaction) => {
      if (!interaction.isModalSubmit()) throw new Error('expected a modal submission');
      await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: 7, data: { content: 'x' } }, auth: false });
    });
    await discord.submitModal(handle);
    expect(apiError(await refused).rawError).toMatchObject({ errors: { type: { _errors: [{ code: 'INTERACTION_CALLBACK_TYPE_INVALID' }] } } });
  });
});
