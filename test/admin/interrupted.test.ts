// A bot killed in the middle of an import: start-up finishes or discards the change, and the audit log always says
// how the import ended (before, 27 imports went live across kills without a single confirm line).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { auditMessages } from '../../src/admin/audit.ts';
import { createApp } from '../../src/app.ts';
import { BUNDLED_DATA_DIR, loadConfig } from '../../src/config.ts';
import { killAllFixtures, killHard, startFixture } from './fixtures/processes.ts';
import { oneQuoteArticle } from '../support/articles.ts';

const ARTICLE = oneQuoteArticle({
  source: 'test-killed',
  published: '2026-01-08',
  subject: 'Kill test',
  person: { id: 'olzhas-killov', name: 'Olzhas Killov' },
  quote: { id: 'q-killov', text: 'Either all of it or none of it.' },
});

const dirs: string[] = [];
afterEach(async () => {
  await killAllFixtures();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function auditLines(dataDir: string): Promise<Record<string, unknown>[]> {
  return (await readFile(path.join(dataDir, '.state', 'audit.log'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('an import killed mid-commit', () => {
  it.each([
    ['write-pending', 'before the commit point', 'discarded', auditMessages.discardedAtStartUp, false],
    ['apply', 'after the commit point, mid-apply', 'applied', auditMessages.finishedAtStartUp, true],
    ['record-history', 'after the files were in place', 'applied', auditMessages.liveAtStartUp, true],
  ] as const)('given a kill before %s (%s), then start-up writes the confirm line saying it was %s', async (step, _when, outcome, detail, live) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-killed-'));
    dirs.push(dataDir);
    await cp(path.join(BUNDLED_DATA_DIR, 'articles'), path.join(dataDir, 'articles'), { recursive: true });
    const upload = path.join(dataDir, 'upload.json');
    await writeFile(upload, JSON.stringify(ARTICLE));

    await killHard(await startFixture('./confirm-and-hang.ts', [dataDir, step, upload], 'ready'));
    const app = await createApp(loadConfig({ DATA_DIR: dataDir }), pino({ level: 'silent' }));
    await app.dataAdmin.stop();

    expect(app.live.current.search.search('Killov', { kinds: ['quote'] }).length > 0).toBe(live);
    const confirms = (await auditLines(dataDir)).filter((line) => line.action === 'confirm');
    expect(confirms.map((line) => line.outcome)).toEqual(['committing', outcome]);
    expect(confirms[1]).toMatchObject({ change: confirms[0]?.change, by: { id: '400000000000000004', name: 'mod' }, detail, to: confirms[0]?.to });
    if (live) expect(confirms[1]?.to).toBe(app.live.current.dataset.version);

    // A second start finds nothing left to reconcile.
    const again = await createApp(loadConfig({ DATA_DIR: dataDir }), pino({ level: 'silent' }));
    await again.dataAdmin.stop();
    expect((await auditLines(dataDir)).filter((line) => line.action === 'confirm')).toHaveLength(2);
  });
});
