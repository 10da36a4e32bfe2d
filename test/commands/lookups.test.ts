import { ComponentType, type APIEmbed } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import type { App } from '../../src/app.ts';
import { COMMAND_LIMITS } from '../../src/format/limits.ts';
import type { FinalReply } from '../../src/format/reply.ts';
import { decodePageState } from '../../src/interaction/custom-id.ts';
import { definitionOptions, isSlashDefinition } from '../../src/interaction/types.ts';
import { MANAGE_GUILD } from '../../src/interaction/permissions.ts';
import { messages } from '../../src/messages.ts';
import { commandCharacters } from '../support/definitions.ts';
import { renderReply } from '../../src/terminal/render.ts';
import { ALICE, autocompleteRequest, BOB, commandRequest, componentRequest, createTestApp } from '../support/core.ts';

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});

async function run(name: string, options: Record<string, string | undefined> = {}): Promise<FinalReply> {
  return (await app.dispatcher.command(commandRequest(app, name, options))).reply;
}

function customIds(reply: FinalReply): string[] {
  return reply.data.components.flatMap((row) => row.components.map((component) => ('custom_id' in component ? component.custom_id : '')));
}

function buttonId(reply: FinalReply, control: string): string {
  const id = customIds(reply).find((customId) => decodePageState(customId)?.control === control);
  if (!id) throw new Error(`no ${control} control`);
  return id;
}

const text = (part: APIEmbed | object | undefined): string => JSON.stringify(part ?? {});

describe('/quote', () => {
  it('given "Tokayev", then the first quote shows the words, speaker and role, context, date and source', async () => {
    const reply = await run('quote', { query: 'Tokayev' });
    const [quote, list] = reply.data.embeds;
    expect(quote?.author?.name).toBe('Kassym-Jomart Tokayev — President of Kazakhstan');
    expect(quote?.description).toBe('>>> “the United States of America has the right to be properly present”');
    expect(quote?.fields?.map((field) => field.name)).toEqual(['Context', 'Said', 'Quoted as', 'Topics']);
    expect(quote?.fields?.[1]?.value).toMatch(/^6 Nov 2025/);
    expect(quote?.footer?.text).toBe('The New York Times · 7 Nov 2025 · Anton Troianovski, Paul Sonne and Ana Swanson');
    expect(list?.title).toBe('9 quotes match “tokayev”');
    expect(reply.data.flags).toBeUndefined();
  });

  it('given several matches, then buttons page through all of them and a menu jumps to any', async () => {
    const first = await run('quote', { query: 'Tokayev' });
    expect(first.data.components[0]?.components.map((c) => ('label' in c ? c.label : ''))).toEqual(['⏮', '◀ Previous', '1 / 9', 'Next ▶', '⏭']);
    const second = await app.dispatcher.component(componentRequest(app, buttonId(first, 'next')));
    expect(second.mode).toBe('update');
    expect(second.reply.data.embeds[0]?.description).toContain('It’s crucial for major powers');
    const menu = first.data.components[1]?.components[0];
    expect(menu?.type).toBe(ComponentType.StringSelect);
    const jumped = await app.dispatcher.component(componentRequest(app, buttonId(first, 'jump'), ['8']));
    expect(jumped.reply.data.embeds[0]?.description).toContain('law and order');
    expect(text(jumped.reply.data.components[0])).toContain('9 / 9');
  });

  it('given someone other than the invoker presses a button, then they get an ephemeral hint and the message is untouched', async () => {
    const first = await run('quote', { query: 'Tokayev' });
    const result = await app.dispatcher.component(componentRequest(app, buttonId(first, 'next'), [], { user: BOB }));
    expect(result.mode).toBe('reply');
    expect(result.reply.data.flags).toBe(64);
    expect(result.reply.data.content).toBe(messages.notYourButtons('quote', 'tokayev'));
  });

  it('given a button from before a restart, then a fresh core answers it from the custom_id alone', async () => {
    const first = await run('quote', { query: 'Tokayev' });
    const restarted = await createTestApp();
    const result = await restarted.dispatcher.component(componentRequest(restarted, buttonId(first, 'last'), [], { user: ALICE }));
    expect(result.reply.data.embeds[0]?.description).toContain('law and order');
  });

  it('given no match, then the reply is ephemeral and offers "did you mean"', async () => {
    const reply = await run('deal', { query: 'mirzayev' });
    expect(reply.data.flags).toBe(64);
    expect(reply.data.embeds).toEqual([]);
    expect(reply.data.content).toContain('No deal matches “mirzayev”.');
    expect(reply.data.content).toMatch(/Did you mean “Mirzi\w+”\?/);
  });

  it('given an autocomplete value (an entry id), then exactly that quote is shown without paging', async () => {
    const reply = await run('quote', { query: 'q-lutnick-economy-on-fire' });
    expect(reply.data.embeds).toHaveLength(1);
    expect(reply.data.embeds[0]?.description).toContain('The U.S. economy is on fire');
    expect(reply.data.components).toEqual([]);
  });

  it('given no query, then it pages through every quote', async () => {
    const reply = await run('quote');
    expect(reply.data.embeds[1]?.title).toBe('All 22 quotes');
  });
});

describe('/deal', () => {
  it('given "boeing", then the embeds cover both Boeing deals with value, quantity, status, date and caveats as fields', async () => {
    const reply = await run('deal', { query: 'boeing' });
    const all = text(reply.data.embeds[0]) + text(reply.data.embeds[1]);
    expect(all).toContain('Central Asian airlines commit to buy Boeing airplanes');
    expect(all).toContain('Uzbekistan’s national airline to buy Boeing Dreamliner jets');
    const fields = reply.data.embeds[0]?.fields?.map((field) => field.name);
    expect(fields).toEqual(['Parties', 'Company', 'Value', 'Quantity', 'Status', 'Date', 'Caveats']);
  });

  it('given "kazakhstan chips", then the chips deal shows "up to $2 billion" with OpenAI and Nvidia', async () => {
    const embed = (await run('deal', { query: 'kazakhstan chips' })).data.embeds[0];
    expect(embed?.title).toBe('Kazakhstan to procure A.I. chips with OpenAI and Nvidia');
    expect(embed?.fields).toEqual(expect.arrayContaining([
      { name: 'Value', value: 'up to $2 billion', inline: true },
      { name: 'Company', value: 'OpenAI and Nvidia', inline: true },
    ]));
  });

  it('given the rail deal Kyrgyzstan "said it would" make, then Discord and the terminal show its status as Announced', async () => {
    const reply = await run('deal', { query: 'kyrgyzstan rail' });
    const embed = reply.data.embeds[0];
    expect(embed?.description).toBe('**Announced** · Rail construction and engineering services');
    expect(embed?.fields).toEqual(expect.arrayContaining([{ name: 'Status', value: 'Announced', inline: true }]));
    const terminal = renderReply(reply.data, { color: false, width: 100 });
    expect(terminal).toContain('│ Announced · Rail construction and engineering services');
    expect(terminal).toMatch(/Status: Announced/);
  });

  it('given the locomotive deal, then the unnamed company stays unnamed', async () => {
    const embed = (await run('deal', { query: 'locomotives' })).data.embeds[0];
    expect(embed?.fields).toEqual(expect.arrayContaining([{ name: 'Counterparty', value: 'A U.S. company the article does not name', inline: true }]));
  });
});

describe('/fact, /who, /search, /sources, /help', () => {
  it('given /fact viasna, then the fact shows its figure and subjects', async () => {
    const embed = (await run('fact', { query: 'viasna' })).data.embeds[0];
    expect(embed?.description).toContain('1,242 political prisoners');
    expect(embed?.fields?.find((field) => field.name === 'Figures')?.value).toBe('• 1,242 political prisoners jailed');
  });

  it('given /who Токаев, then the card shows role, aliases and counts', async () => {
    const embed = (await run('who', { name: 'Токаев' })).data.embeds[0];
    expect(embed?.title).toBe('Kassym-Jomart Tokayev');
    expect(embed?.description).toBe('President of Kazakhstan');
    expect(embed?.fields?.find((field) => field.name === 'In the data')?.value).toMatch(/^9 quotes · 0 deals · \d+ facts$/);
  });

  it('given a member runs /who, then no entity id is shown; given a moderator, then the id article files use is, on every page', async () => {
    const idField = (reply: FinalReply) => reply.data.embeds[0]?.fields?.find((field) => field.name === 'Id')?.value;
    expect(idField(await run('who', { name: 'Tokayev' }))).toBeUndefined();
    const home = '300000000000000003';
    const homeApp = await createTestApp({ DATA_GUILD_IDS: home });
    const moderator = { guildId: home, member: { permissions: MANAGE_GUILD, roles: [] } };
    const reply = (await homeApp.dispatcher.command(commandRequest(homeApp, 'who', { name: 'kazakh' }, moderator))).reply;
    expect(reply.data.embeds[0]?.title).toBe('Kazakhstan');
    expect(idField(reply)).toBe('`kazakhstan`');
    const next = await homeApp.dispatcher.component(componentRequest(homeApp, buttonId(reply, 'next'), [], moderator));
    expect(idField(next.reply)).toMatch(/^`[a-z0-9-]+`$/);
    const asMember = await homeApp.dispatcher.component(componentRequest(homeApp, buttonId(reply, 'next')));
    expect(idField(asMember.reply)).toBeUndefined();
  });

  it('given /search with a kind, then only that kind is searched and paging keeps the kind', async () => {
    const reply = await run('search', { query: 'kazakh', kind: 'deal' });
    expect(reply.data.embeds[1]?.title).toMatch(/deals match “kazakh”/);
    const next = await app.dispatcher.component(componentRequest(app, buttonId(reply, 'next')));
    expect(next.reply.data.embeds[1]?.title).toMatch(/deals match “kazakh”/);
  });

  it('given /search with a kind that is not one of the choices (Discord does not enforce them), then all kinds are searched', async () => {
    const reply = await run('search', { query: 'tungsten', kind: 'bogus' });
    expect(reply.data.embeds[1]?.title).toMatch(/entries match “tungsten”/);
  });

  it('given /sources, then the article is listed with publisher, date and authors', async () => {
    const embed = (await run('sources')).data.embeds[0];
    expect(embed?.fields?.slice(0, 3)).toEqual([
      { name: 'Publisher', value: 'The New York Times', inline: true },
      { name: 'Published', value: '7 Nov 2025', inline: true },
      { name: 'Authors', value: 'Anton Troianovski, Paul Sonne and Ana Swanson', inline: true },
    ]);
  });

  it('given /help, then every other command is explained, privately', async () => {
    const reply = await run('help');
    expect(reply.data.flags).toBe(64);
    expect(reply.data.embeds[0]?.fields?.map((field) => field.name)).toEqual(['/quote', '/deal', '/fact', '/who', '/search', '/sources', 'Apps → Find in the news', 'In the data now']);
  });
});

describe('hostile and unexpected input', () => {
  it.each([
    ['a 10,000-character query', 'x'.repeat(10_000)],
    ['markdown and mentions', '**@everyone** <@123> `x`'],
    ['only punctuation', '"""\'\'\'|||'],
    ['control characters', '\u0000\u0007\u001b[31m'],
    ['an emoji', '🤖'],
  ])('given %s, then /quote answers within the limits without throwing', async (_label, query) => {
    const result = await app.dispatcher.command(commandRequest(app, 'quote', { query }));
    expect(result.outcome).not.toBe('error');
    expect(result.reply.data.allowed_mentions).toEqual({ parse: [] });
    expect(result.reply.data.content?.length ?? 0).toBeLessThanOrEqual(2000);
  });

  it('given an unknown command, then the user is told so, ephemerally', async () => {
    const reply = await run('nope');
    expect(reply.data).toMatchObject({ content: messages.unknownCommand('nope'), flags: 64 });
  });

  it('given a custom_id the bot never made, then the click gets an ephemeral "no longer valid"', async () => {
    const result = await app.dispatcher.component(componentRequest(app, 'p1|quote|n|1|999|quote|x|y'));
    expect(result.reply.data).toMatchObject({ flags: 64 });
  });
});

describe('autocomplete', () => {
  it.each([
    ['empty', ''],
    ['partial', 'tok'],
    ['typo', 'lutnik'],
    ['Cyrillic', 'Токаев'],
    ['200 characters', 'y'.repeat(200)],
  ])('given %s input, then at most 25 choices with names of 1–100 characters and entry ids as values', (_label, value) => {
    for (const name of ['quote', 'deal', 'fact', 'who', 'search']) {
      const option = name === 'who' ? 'name' : 'query';
      const choices = app.dispatcher.autocomplete(autocompleteRequest(app, name, { name: option, value }));
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) {
        expect(choice.name.length).toBeGreaterThan(0);
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(app.live.current.dataset.byId.has(choice.value)).toBe(true);
      }
    }
  });

  it('given "tok" in /quote, then Tokayev’s quotes are suggested with his name first', () => {
    const choices = app.dispatcher.autocomplete(autocompleteRequest(app, 'quote', { name: 'query', value: 'tok' }));
    expect(choices[0]?.name).toMatch(/^Tokayev: “/);
  });

  it('given a command that throws in autocomplete, then the answer is no choices rather than an error', async () => {
    const broken = await createTestApp();
    const quote = commands[0];
    if (!quote) throw new Error('no commands');
    const services = { ...broken.services, commands: [{ ...quote, autocomplete: () => { throw new Error('boom'); } }] };
    const request = { ...autocompleteRequest(broken, 'quote', { name: 'query', value: 'x' }), services };
    const { Dispatcher } = await import('../../src/interaction/dispatch.ts');
    expect(new Dispatcher(services).autocomplete(request)).toEqual([]);
  });
});

describe('failures and cooldowns', () => {
  it('given a command that throws, then the user gets an apology with a reference id that is also logged', async () => {
    const base = await createTestApp();
    const logged: unknown[] = [];
    const logger = Object.assign(Object.create(base.logger) as typeof base.logger, { error: (entry: unknown) => logged.push(entry) });
    const services = { ...base.services, logger, commands: [{ data: { name: 'boom', description: 'x' }, execute: () => { throw new Error('kaput'); } }] };
    const { Dispatcher } = await import('../../src/interaction/dispatch.ts');
    const result = await new Dispatcher(services).command({ ...commandRequest(base, 'boom'), services });
    expect(result.outcome).toBe('error');
    expect(result.reply.data.flags).toBe(64);
    expect(result.reply.data.content).toContain(`\`${result.reference ?? 'missing'}\``);
    expect(logged).toEqual([expect.objectContaining({ reference: result.reference })]);
  });

  it('given cooldowns of 3 s, then a second lookup right away is refused with the wait, and the data’s moderators are exempt', async () => {
    const home = '300000000000000003';
    const limited = await createTestApp({ COOLDOWN_SECONDS: '3', DATA_GUILD_IDS: home });
    const first = await limited.dispatcher.command(commandRequest(limited, 'quote', { query: 'Tokayev' }));
    const second = await limited.dispatcher.command(commandRequest(limited, 'quote', { query: 'Tokayev' }));
    expect(first.outcome).toBe('ok');
    expect(second.outcome).toBe('cooldown');
    expect(second.reply.data).toMatchObject({ content: messages.cooldown(3), flags: 64 });
    const moderator = { member: { permissions: 32n, roles: [] }, guildId: home };
    for (let i = 0; i < 3; i++) {
      const result = await limited.dispatcher.command(commandRequest(limited, 'quote', { query: 'Tokayev' }, { ...moderator, user: BOB }));
      expect(result.outcome).toBe('ok');
    }
  });
});

describe('command definitions', () => {
  it('given commands/index.ts, then every definition respects Discord’s command limits', () => {
    expect(commands.length).toBeLessThanOrEqual(COMMAND_LIMITS.commands);
    for (const { data } of commands.filter((command) => isSlashDefinition(command.data))) {
      if (!isSlashDefinition(data)) continue;
      expect(data.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(data.description.length).toBeGreaterThan(0);
      expect(data.description.length).toBeLessThanOrEqual(COMMAND_LIMITS.description);
      expect(data.options?.length ?? 0).toBeLessThanOrEqual(COMMAND_LIMITS.options);
      for (const option of data.options ?? []) {
        expect(option.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(option.description.length).toBeLessThanOrEqual(COMMAND_LIMITS.description);
      }
      expect(commandCharacters(data)).toBeLessThanOrEqual(COMMAND_LIMITS.totalCharacters);
    }
  });

  it('given the issue’s option names, then they are exactly as specified', () => {
    const options = Object.fromEntries(commands.map(({ data }) => [data.name, definitionOptions(data).map((option) => `${option.name}${option.required ? '' : '?'}`)]));
    expect(options).toMatchObject({ quote: ['query?'], deal: ['query?'], fact: ['query?'], who: ['name'], search: ['query', 'kind?'], sources: [], help: [] });
  });
});
