// Faults the fake injects on request: a refusal or rate limit instead of its answer, a reset connection, a file
// download cut short or dripped out byte by byte. A faulted request never reaches the routes, so it changes nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { writeResult, type ParsedRequest, type RouteResult } from './http.ts';
import type { Fault, FaultRule, InjectedFault } from './types.ts';

interface ActiveRule {
  readonly rule: FaultRule;
  hits: number;
  removed: boolean;
}

/** The fault rules in force, matched in the order they were added. */
export class Faults {
  private readonly rules: ActiveRule[] = [];
  /** Drip timers, so close() can stop every one. */
  private readonly timers = new Set<NodeJS.Timeout>();

  add(rule: FaultRule): InjectedFault {
    const active: ActiveRule = { rule, hits: 0, removed: false };
    this.rules.push(active);
    return {
      get hits() {
        return active.hits;
      },
      remove: () => {
        active.removed = true;
      },
    };
  }

  /** The fault for this request, if a rule matches and has hits left (counting the hit). */
  take(request: ParsedRequest): Fault | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (active.removed || (rule.times !== undefined && active.hits >= rule.times)) continue;
      if (rule.method !== undefined && rule.method.toUpperCase() !== request.method) continue;
      if (!rule.path.test(request.rawPath)) continue;
      active.hits += 1;
      return rule.fault;
    }
    return undefined;
  }

  /** The status a faulted request is recorded with: what the bot saw, or 0 when it saw no answer at all. */
  static statusOf(fault: Fault, routed: RouteResult | undefined): number {
    switch (fault.kind) {
      case 'status':
        return fault.status;
      case 'rate-limit':
        return 429;
      case 'reset':
        return 0;
      case 'truncate':
      case 'drip':
        return routed?.status ?? 0;
    }
  }

  /** Answers (or fails to answer) a request with `fault`; `routed` is the normal answer, needed to cut or drip it. */
  answer(request: IncomingMessage, response: ServerResponse, fault: Fault, routed: RouteResult | undefined): void {
    switch (fault.kind) {
      case 'status':
        writeResult(response, { status: fault.status, json: fault.body ?? { message: `fake-discord injected ${String(fault.status)}`, code: 0 } });
        return;
      case 'rate-limit': {
        const seconds = String(fault.retryAfterSeconds);
        writeResult(response, {
          status: 429,
          json: { message: 'You are being rate limited.', retry_after: fault.retryAfterSeconds, global: false },
          headers: {
            'retry-after': seconds,
            'x-ratelimit-limit': '5',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset-after': seconds,
            'x-ratelimit-bucket': 'fake-injected',
            'x-ratelimit-scope': 'user',
          },
        });
        return;
      }
      case 'reset':
        request.socket.resetAndDestroy();
        return;
      case 'truncate':
      case 'drip': {
        const raw = routed?.raw;
        if (!routed || !raw) {
          writeResult(response, routed ?? { status: 404, json: { message: '404: Not Found', code: 0 } });
          return;
        }
        const body = raw.body;
        response.writeHead(routed.status, { 'content-type': raw.contentType, 'content-length': body.length });
        if (fault.kind === 'truncate') {
          // The declared length stays the full size: the client sees the connection end early.
          response.write(body.subarray(0, fault.bytes));
          response.socket?.end();
          return;
        }
        this.drip(response, body, fault.intervalMs);
        return;
      }
    }
  }

  /** Stops every drip in progress. */
  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.clear();
  }

  private drip(response: ServerResponse, body: Buffer, intervalMs: number): void {
    let sent = 0;
    const timer = setInterval(() => {
      if (sent >= body.length) {
        stop();
        response.end();
        return;
      }
      response.write(body.subarray(sent, sent + 1));
      sent += 1;
    }, intervalMs);
    const stop = (): void => {
      clearInterval(timer);
      this.timers.delete(timer);
    };
    this.timers.add(timer);
    response.once('close', stop);
  }
}
