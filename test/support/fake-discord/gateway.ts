// The gateway side of the fake: HELLO, IDENTIFY → READY, heartbeats, RESUME, and dispatching events to shards.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { APIUser } from 'discord-api-types/v10';
import type { FakeClock } from './clock.ts';
import { asRecord } from './limits.ts';
import type { GatewayFrame } from './types.ts';

const Op = Object.freeze({ Dispatch: 0, Heartbeat: 1, Identify: 2, PresenceUpdate: 3, VoiceStateUpdate: 4, Resume: 6, Reconnect: 7, RequestGuildMembers: 8, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 });

/** Gateway close codes the fake uses (Discord's numbering). */
export const GatewayClose = Object.freeze({
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidSeq: 4007,
  RateLimited: 4008,
  SessionTimedOut: 4009,
  InvalidShard: 4010,
  ShardingRequired: 4011,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
});

export interface GatewayDeps {
  readonly clock: FakeClock;
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly heartbeatIntervalMs: number;
  /** The ws:// URL clients connect (and resume) to. */
  readonly url: () => string;
  readonly record: (frame: GatewayFrame) => void;
  /** Called whenever the set of ready shards changes, so waiters can re-check. */
  readonly onChange: () => void;
}

/** A gateway session: survives its socket so a client can RESUME it. */
interface Session {
  readonly id: string;
  readonly shardId: number;
  readonly shardCount: number;
  seq: number;
  socket: WebSocket | undefined;
  /** Dispatches sent, kept so a RESUME can replay what the client missed. */
  readonly sent: { readonly s: number; readonly t: string; readonly d: unknown }[];
}

/** The fake's gateway, attached to the HTTP server's upgrade event. */
export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  /** The live session of each shard id. */
  private readonly shards = new Map<number, Session>();
  private readonly sockets = new Set<WebSocket>();
  /** Set by a test: every IDENTIFY and RESUME is answered by closing with this code, as Discord does when it refuses. */
  private refusal: number | undefined;

  constructor(
    server: Server,
    private readonly deps: GatewayDeps,
  ) {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        this.accept(ws, request);
      });
    });
  }

  /** Shard ids whose session is connected and has received READY or RESUMED. */
  get readyShards(): ReadonlySet<number> {
    return new Set([...this.shards.values()].filter((session) => session.socket !== undefined).map((session) => session.shardId));
  }

  /** The shard count the connected client identified with, if any shard is connected. */
  get identifiedShardCount(): number | undefined {
    for (const session of this.shards.values()) if (session.socket) return session.shardCount;
    return undefined;
  }

  /** Sends a dispatch to one shard; throws if that shard is not connected. */
  dispatch(shardId: number, t: string, d: unknown): void {
    const session = this.shards.get(shardId);
    if (session?.socket === undefined) {
      throw new Error(`fake-discord: shard ${shardId} is not connected (ready shards: [${[...this.readyShards].join(', ')}])`);
    }
    this.sendDispatch(session, t, d);
  }

  /** Drops a shard's connection with `code`; discord.js then reconnects and RESUMEs (4000) or re-identifies. */
  disconnect(shardId: number, code: number): void {
    const session = this.shards.get(shardId);
    session?.socket?.close(code, 'fake-discord: disconnected by the test');
  }

  /** From now on, closes every connection that identifies or resumes with `code` (undefined: accept them again). */
  refuse(code: number | undefined): void {
    this.refusal = code;
  }

  /** Closes every connection and the WebSocket server. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => {
      this.wss.close(() => {
        resolve();
      });
    });
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    this.sockets.add(socket);
    let session: Session | undefined;
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (session?.socket === socket) {
        session.socket = undefined;
        this.deps.onChange();
      }
    });
    socket.on('error', () => {
      // A client vanishing mid-frame is normal at teardown; 'close' follows and does the bookkeeping.
    });

    const query = new URL(request.url ?? '/', 'ws://fake-discord.invalid').searchParams;
    if (query.get('v') !== '10') {
      socket.close(GatewayClose.InvalidApiVersion, 'Invalid API version (fake-discord speaks v=10)');
      return;
    }
    if (query.get('encoding') !== 'json' || query.has('compress')) {
      // discord.js asks for zlib-stream only when zlib-sync is installed; the fake speaks plain JSON only.
      socket.close(GatewayClose.InvalidApiVersion, 'fake-discord supports encoding=json without compress (is zlib-sync installed?)');
      return;
    }

    this.send(socket, undefined, { op: Op.Hello, d: { heartbeat_interval: this.deps.heartbeatIntervalMs, _trace: ['fake-discord'] }, s: null, t: null });

    socket.on('message', (data: RawData) => {
      const payload = parse(data);
      if (payload === undefined) {
        socket.close(GatewayClose.DecodeError, 'Error while decoding payload.');
        return;
      }
      this.deps.record({ direction: 'in', shardId: session?.shardId, op: payload.op, t: null, d: payload.d, time: this.deps.clock.now() });
      switch (payload.op) {
        case Op.Heartbeat:
          this.send(socket, session?.shardId, { op: Op.HeartbeatAck, d: null, s: null, t: null });
          return;
        case Op.Identify:
          if (session) socket.close(GatewayClose.AlreadyAuthenticated, 'Already authenticated.');
          else session = this.identify(socket, payload.d);
          return;
        case Op.Resume:
          if (session) socket.close(GatewayClose.AlreadyAuthenticated, 'Already authenticated.');
          else session = this.resume(socket, payload.d);
          return;
        case Op.PresenceUpdate:
        case Op.VoiceStateUpdate:
        case Op.RequestGuildMembers:
          if (!session) socket.close(GatewayClose.NotAuthenticated, 'Not authenticated.');
          return;
        default:
          socket.close(GatewayClose.UnknownOpcode, 'Unknown opcode.');
      }
    });
  }

  private identify(socket: WebSocket, d: unknown): Session | undefined {
    if (this.refusal !== undefined) {
      socket.close(this.refusal, 'fake-discord: refused by the test');
      return undefined;
    }
    const identify = asRecord(d);
    if (identify?.token !== this.deps.token) {
      socket.close(GatewayClose.AuthenticationFailed, 'Authentication failed.');
      return undefined;
    }
    if (typeof identify.intents !== 'number' || !Number.isInteger(identify.intents) || identify.intents < 0) {
      socket.close(GatewayClose.InvalidIntents, 'Invalid intent(s).');
      return undefined;
    }
    const shard = identify.shard ?? [0, 1];
    const [shardId, shardCount] = Array.isArray(shard) ? (shard as unknown[]) : [];
    if (typeof shardId !== 'number' || typeof shardCount !== 'number' || shardCount < 1 || shardId < 0 || shardId >= shardCount) {
      socket.close(GatewayClose.InvalidShard, 'Invalid shard.');
      return undefined;
    }
    const session: Session = { id: randomBytes(16).toString('hex'), shardId, shardCount, seq: 0, socket, sent: [] };
    this.sessions.set(session.id, session);
    const previous = this.shards.get(shardId);
    // A shard identifying again replaces its old session, as Discord does for a re-identify after a dropped resume.
    if (previous && previous.socket !== socket) previous.socket?.close(4000, 'Session replaced by a new IDENTIFY');
    this.shards.set(shardId, session);
    this.sendDispatch(session, 'READY', {
      v: 10,
      user: this.deps.botUser,
      // Guilds listed here are awaited (up to 15 s) by discord.js before it is ready; an empty list keeps login instant.
      guilds: [],
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.deps.url(),
      application: { id: this.deps.applicationId, flags: 0 },
      shard: [shardId, shardCount],
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      _trace: ['fake-discord'],
    });
    this.deps.onChange();
    return session;
  }

  private resume(socket: WebSocket, d: unknown): Session | undefined {
    if (this.refusal !== undefined) {
      socket.close(this.refusal, 'fake-discord: refused by the test');
      return undefined;
    }
    const resume = asRecord(d);
    if (resume?.token !== this.deps.token) {
      socket.close(GatewayClose.AuthenticationFailed, 'Authentication failed.');
      return undefined;
    }
    const session = typeof resume.session_id === 'string' ? this.sessions.get(resume.session_id) : undefined;
    if (session === undefined || this.shards.get(session.shardId) !== session) {
      // Not resumable: op 9 with d=false makes discord.js start over with a fresh IDENTIFY.
      this.send(socket, undefined, { op: Op.InvalidSession, d: false, s: null, t: null });
      return undefined;
    }
    if (session.socket && session.socket !== socket) session.socket.close(4000, 'Session resumed elsewhere');
    session.socket = socket;
    const seq = typeof resume.seq === 'number' ? resume.seq : 0;
    for (const missed of session.sent.filter((event) => event.s > seq)) {
      this.send(socket, session.shardId, { op: Op.Dispatch, s: missed.s, t: missed.t, d: missed.d });
    }
    this.sendDispatch(session, 'RESUMED', { _trace: ['fake-discord'] });
    this.deps.onChange();
    return session;
  }

  private sendDispatch(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    session.sent.push({ s: session.seq, t, d });
    if (session.socket) this.send(session.socket, session.shardId, { op: Op.Dispatch, s: session.seq, t, d });
  }

  private send(socket: WebSocket, shardId: number | undefined, payload: { op: number; d: unknown; s: number | null; t: string | null }): void {
    this.deps.record({ direction: 'out', shardId, op: payload.op, t: payload.t, d: payload.d, time: this.deps.clock.now() });
    socket.send(JSON.stringify(payload));
  }
}

function parse(data: RawData): { op: number; d: unknown } | undefined {
  const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : data.toString('utf8');
  try {
    const payload = asRecord(JSON.parse(text));
    return typeof payload?.op === 'number' ? { op: payload.op, d: payload.d } : undefined;
  } catch {
    return undefined;
  }
}
