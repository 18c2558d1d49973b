import type PgBoss from 'pg-boss';
import type * as Pg from 'pg';
import { QueueDependencyError } from './errors.js';

/** The constructors the queue needs from its optional peers. */
export interface QueueDeps {
  PgBoss: typeof PgBoss;
  Pool: typeof Pg.Pool;
}

/** Imports a module by name; replaced in tests to check what a missing package says. */
export type Importer = (name: string) => Promise<unknown>;

const importByName: Importer = (name) => import(name);

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/** A CommonJS package's exports through `import()`: Node puts them on `default`. */
function exportsOf<T>(module: unknown): T {
  const m = module as { default?: unknown };
  return (m.default ?? m) as T;
}

async function load<T>(name: string, importer: Importer): Promise<T> {
  try {
    return exportsOf<T>(await importer(name));
  } catch (error) {
    if (isMissing(error)) throw new QueueDependencyError(name, error);
    throw error;
  }
}

/**
 * Loads pg-boss and pg on first use: the SDK's main import never does, and `evolink-wan/queue` only when a queue is
 * used, so an application without them gets a `QueueDependencyError` with the command that installs them.
 */
export async function loadQueueDeps(importer: Importer = importByName): Promise<QueueDeps> {
  const PgBossClass = await load<typeof PgBoss>('pg-boss', importer);
  const pg = await load<typeof Pg>('pg', importer);
  return { PgBoss: PgBossClass, Pool: pg.Pool };
}
