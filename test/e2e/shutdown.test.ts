// Stopping never drops an interaction without a word: late arrivals are told to retry, unfinished ones are answered.
import { describe, expect, it, vi } from 'vitest';
import type { Command } from '../../src/interaction/types.ts';
import { messages } from '../../src/messages.ts';
import { cleanUpAfterEachTest, startHarness, stopBot } from './harness.ts';

cleanUpAfterEachTest();

const MODERATOR = { user: { id: '400000000000000024', username: 'mod' }, memberPermissions: '32' };

/** A command that answers only when the test says so: `release()` lets it finish. */
function heldCommand(name: string, extra: Partial<Command> = {}): Command & { release: () => void } {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    data: { name, description: 'Answers when released' },
    execute: async () => {
      await held;
      return { content: `${name} finished` };
    },
    ...extra,
    release: () => {
      release();
    },
  };
}

describe('shutting down', () => {
  it('given interactions that arrive while in-flight work drains, then each gets a private "restarting" answer and the in-flight one still finishes', async () => {
    const held = heldCommand('held');
    const { fake, bot, logs } = await startHarness({}, { commands: [held, ...(await import('../../commands/index.ts')).commands], autoDeferMs: 5000, shutdownGraceMs: 10_000 });
    const inFlight = fake.sendCommand({ name: 'held' });
    await vi.waitFor(() => {
      expect(bot.router.pending).toBe(1);
    });
    const stopping = stopBot(bot);
    const late = Array.from({ length: 20 }, (_, i) => fake.sendCommand({ name: 'quote', options: { query: 'Tokayev' }, user: { id: `40000000000000010${String(i % 10)}`, username: `m${String(i)}` } }));
    const lateAutocomplete = fake.sendAutocomplete({ name: 'quote', options: { query: 'tok' }, focused: 'query' });
    const lateCallbacks = await Promise.all(late.map((handle) => handle.callback({ timeoutMs: 10_000 })));
    for (const callback of lateCallbacks) expect(callback).toMatchObject({ type: 4, status: 204, data: { content: messages.restarting, flags: 64 } });
    expect(await lateAutocomplete.callback()).toMatchObject({ type: 8, data: { choices: [] } });

    held.release();
    expect(await inFlight.callback({ timeoutMs: 10_000 })).toMatchObject({ type: 4, data: { content: 'held finished' } });
    await stopping;
    expect(logs.lines.filter((line) => line.outcome === 'restarting')).toHaveLength(21);
  });

  it('given a deferred command still unfinished when the grace time is up, then its "thinking…" is replaced by a notice before the bot stops', async () => {
    const held = heldCommand('held', { defer: 'public' });
    const { fake, bot } = await startHarness({}, { commands: [held], shutdownGraceMs: 200 });
    const handle = fake.sendCommand({ name: 'held' });
    expect((await handle.callback()).type).toBe(5);
    await stopBot(bot);
    expect((await handle.message({ until: (message) => message.content !== '' })).content).toBe(messages.restartedBeforeFinishing);
    held.release();
  });

  it('given a moderator’s data action cut off by the grace time, then the moderator is told to check whether the change went through', async () => {
    const held = heldCommand('held-change', { defer: 'ephemeral', moderatorOnly: true });
    const { fake, bot } = await startHarness({}, { commands: [held], shutdownGraceMs: 200 });
    const handle = fake.sendCommand({ name: 'held-change', ...MODERATOR });
    expect((await handle.callback()).type).toBe(5);
    await stopBot(bot);
    expect(await handle.message({ until: (message) => message.content !== '' })).toMatchObject({ content: messages.restartedDuringChange, flags: 64 });
    held.release();
  });
});
