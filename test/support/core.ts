// Builds the bot's core on the bundled data and plain requests for it: command tests need no Discord at all.
import pino from 'pino';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { AttachmentInfo, AutocompleteRequest, CommandOptions, CommandRequest, ComponentRequest, Invoker, MemberInfo } from '../../src/interaction/types.ts';

export const ALICE: Invoker = Object.freeze({ id: '200000000000000001', username: 'alice' });
export const BOB: Invoker = Object.freeze({ id: '200000000000000002', username: 'bob' });

/** The test run's STATE_DIR (see global-setup.ts), for apps on the bundled data. */
export function testStateEnv(): NodeJS.ProcessEnv {
  return { STATE_DIR: process.env.STATE_DIR };
}

/** The core on the bundled data with cooldowns off and a silent logger, unless `env` says otherwise. */
export async function createTestApp(env: NodeJS.ProcessEnv = {}): Promise<App> {
  return createApp(loadConfig({ COOLDOWN_SECONDS: '0', ...testStateEnv(), ...env }), pino({ level: 'silent' }));
}

/** Options as a plain map, the shape both front ends produce. */
export function optionsOf(values: Record<string, string | undefined>, subcommand?: string, attachments: Record<string, AttachmentInfo> = {}): CommandOptions {
  return {
    subcommand,
    string: (name) => values[name],
    attachment: (name) => attachments[name],
  };
}

interface Who {
  readonly user?: Invoker;
  readonly guildId?: string;
  readonly member?: MemberInfo;
}

export function commandRequest(app: App, commandName: string, values: Record<string, string | undefined> = {}, who: Who = {}): CommandRequest {
  return { ...base(app, who), commandName, options: optionsOf(values) };
}

export function autocompleteRequest(app: App, commandName: string, focused: { name: string; value: string }, others: Record<string, string> = {}): AutocompleteRequest {
  return { ...base(app, {}), commandName, options: optionsOf({ ...others, [focused.name]: focused.value }), focused };
}

export function componentRequest(app: App, customId: string, values: readonly string[] = [], who: Who = {}): ComponentRequest {
  return { ...base(app, who), customId, values };
}

function base(app: App, who: Who) {
  return {
    user: who.user ?? ALICE,
    guildId: who.guildId,
    member: who.member,
    guildInstall: who.guildId !== undefined,
    snapshot: app.live.current,
    services: app.services,
  };
}
