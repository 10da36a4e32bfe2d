// The router on payloads Discord itself would never send, which the gateway or an HTTP client could still deliver.
import { InteractionType, type APIInteraction } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { InteractionRouter } from '../../src/discord/router.ts';
import type { FirstResponse, InteractionResponder } from '../../src/discord/responder.ts';
import { createTestApp } from '../support/core.ts';

/** A responder that keeps what the router would have sent to Discord. */
function recordingResponder(): InteractionResponder & { readonly sent: FirstResponse[] } {
  const sent: FirstResponse[] = [];
  return {
    sent,
    respond: async (response) => {
      sent.push(response);
      await Promise.resolve();
    },
    editOriginal: () => Promise.resolve(),
    deleteOriginal: () => Promise.resolve(),
    followUp: () => Promise.resolve(),
  };
}

const USER = { id: '200000000000000001', username: 'alice', discriminator: '0', global_name: null, avatar: null };

function payload(type: InteractionType, data: unknown): APIInteraction {
  return {
    id: '900000000000000001',
    application_id: '900000000000000002',
    token: 'interaction-token',
    type,
    version: 1,
    locale: 'en-US',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: { 1: USER.id },
    attachment_size_limit: 8_388_608,
    user: USER,
    channel: { id: '900000000000000003', type: 1 },
    channel_id: '900000000000000003',
    data,
  } as unknown as APIInteraction;
}

describe('the router on unusual payloads', () => {
  it('given autocomplete with no focused option, then it answers with no choices instead of crashing', async () => {
    const app = await createTestApp();
    const router = new InteractionRouter(app.dispatcher, app.services);
    const responder = recordingResponder();
    await router.handle(payload(InteractionType.ApplicationCommandAutocomplete, { id: '1', name: 'quote', type: 1, options: [{ type: 3, name: 'query', value: 'tok' }] }), responder);
    expect(responder.sent).toEqual([{ type: 'choices', choices: [] }]);
  });

  it('given a PING (the HTTP endpoint’s check), then it answers PONG', async () => {
    const app = await createTestApp();
    const responder = recordingResponder();
    await new InteractionRouter(app.dispatcher, app.services).handle(payload(InteractionType.Ping, undefined), responder);
    expect(responder.sent).toEqual([{ type: 'pong' }]);
  });
});
