/**
 * What Go Traps knows about the libraries its rules care about, described once as Go declarations and read
 * with the same scanner as workspace code: a rule learns that `sql.Open` returns a `*sql.DB`, that `sqlx.DB`
 * embeds one, or that `Upgrade` returns a `*websocket.Conn` from here, never from a guess of its own.
 * A workspace package with the same import path (the standard library analysed as a workspace) wins.
 */
import { scanDeclarations } from '../declaration-scanner';
import { TypeIndex } from '../type-index';
import { CONCURRENCY_STUBS } from './concurrency';
import { DATABASE_STUBS } from './database';
import { FRAMEWORK_STUBS } from './frameworks';
import { MESSAGING_STUBS } from './messaging';
import { OBSERVABILITY_STUBS } from './observability';
import { REMOTE_STUBS } from './remote';
import { STDLIB_STUBS } from './stdlib';
import type { LibraryStub } from './stub';

export const LIBRARY_STUBS: readonly LibraryStub[] = [
  ...DATABASE_STUBS, ...REMOTE_STUBS, ...OBSERVABILITY_STUBS, ...FRAMEWORK_STUBS, ...MESSAGING_STUBS, ...STDLIB_STUBS, ...CONCURRENCY_STUBS,
];

let knowledge: TypeIndex | undefined;

/** The library signatures as an index, read on first use (about a millisecond). */
export function knowledgeIndex(): TypeIndex {
  if (knowledge) return knowledge;
  const index = new TypeIndex();
  for (const stub of LIBRARY_STUBS) {
    for (const path of stub.paths) index.setFile(`<knowledge>/${path}.go`, path, scanDeclarations(stub.source, () => path));
  }
  knowledge = index;
  return index;
}
