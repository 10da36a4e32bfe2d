// Expected failures of storage (a full disk, a read-only folder, missing permissions, a damaged file, a database out of
// reach), each told in one line that says what happened and what to do. Any store throws StoreProblem; errors of the
// file system are recognised by their code.

/** What kind of storage failure: each has its own advice. */
export type StoreProblemKind = 'disk-full' | 'read-only' | 'no-permission' | 'missing' | 'damaged' | 'unavailable';

/** A storage failure that is an operating condition, not a bug: logged as one line, told to the moderator as is. */
export class StoreProblem extends Error {
  override readonly name = 'StoreProblem';
  constructor(
    readonly kind: StoreProblemKind,
    /** What happened, one line, naming the file or folder. */
    message: string,
    /** What the bot's operator can do about it, one sentence. */
    readonly remedy: string,
    /** The file or folder concerned, when there is one. */
    readonly path?: string,
    /** The system error code behind it (ENOSPC, EROFS…), when there is one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

const REMEDIES: Readonly<Record<Exclude<StoreProblemKind, 'damaged' | 'unavailable'>, string>> = Object.freeze({
  'disk-full': 'The bot’s operator must free space on the server’s disk; then try again.',
  'read-only': 'The bot’s operator must make DATA_DIR (and STATE_DIR) writable, or move them to a writable disk.',
  'no-permission': 'The bot’s operator must give the bot’s user read and write access to DATA_DIR and STATE_DIR.',
  missing: 'The bot’s operator must check that DATA_DIR and STATE_DIR point at folders that exist.',
});

/** The StoreProblem behind `error`: itself, or a file-system error with a code that is an operating condition. */
export function storeProblemOf(error: unknown): StoreProblem | undefined {
  if (error instanceof StoreProblem) return error;
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return undefined;
  const code = error.code;
  const where = 'path' in error && typeof error.path === 'string' ? error.path : undefined;
  const at = where === undefined ? '' : ` (${where})`;
  const problem = (kind: Exclude<StoreProblemKind, 'damaged' | 'unavailable'>, what: string): StoreProblem => new StoreProblem(kind, `${what}${at}`, REMEDIES[kind], where, code);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return problem('disk-full', `the server’s disk is full (${code})`);
    case 'EROFS':
      return problem('read-only', 'the data directory is on a read-only file system (EROFS)');
    case 'EACCES':
    case 'EPERM':
      return problem('no-permission', `permission denied (${code})`);
    case 'ENOENT':
    case 'ENOTDIR':
      return problem('missing', `a file or folder the bot needs does not exist (${code})`);
    default:
      return undefined;
  }
}

/** Fields for the one log line of a store problem: no stack, it is an operating condition. */
export function logFieldsOf(problem: StoreProblem): Record<string, string> {
  return {
    problem: problem.kind,
    ...(problem.path === undefined ? {} : { path: problem.path }),
    ...(problem.code === undefined ? {} : { code: problem.code }),
  };
}
