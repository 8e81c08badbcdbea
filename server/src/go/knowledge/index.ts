/**
 * What Go Traps knows about the libraries its rules care about, described once as Go declarations and read
 * with the same extractor as workspace code: a rule learns that `sql.Open` returns a `*sql.DB`, that
 * `sqlx.DB` embeds one, or that `Upgrade` returns a `*websocket.Conn` from here, never from a guess of its own.
 * A workspace package with the same import path (the standard library analysed as a workspace) wins.
 */
import { extractDeclarations } from '../declarations';
import { createParserSync } from '../parser';
import { SourceFile } from '../source';
import { TypeIndex } from '../type-index';
import { DATABASE_STUBS } from './database';
import { FRAMEWORK_STUBS } from './frameworks';
import { OBSERVABILITY_STUBS } from './observability';
import { REMOTE_STUBS } from './remote';
import type { LibraryStub } from './stub';

export const LIBRARY_STUBS: readonly LibraryStub[] = [...DATABASE_STUBS, ...REMOTE_STUBS, ...OBSERVABILITY_STUBS, ...FRAMEWORK_STUBS];

let knowledge: TypeIndex | undefined;

/** The library signatures as an index; built on first use (a few milliseconds), after the grammar has loaded. */
export function knowledgeIndex(): TypeIndex {
  if (knowledge) return knowledge;
  const parser = createParserSync();
  const index = new TypeIndex();
  try {
    for (const stub of LIBRARY_STUBS) {
      const tree = parser.parse(stub.source);
      if (!tree) throw new Error(`the parser returned no tree for the ${stub.paths[0]} signatures`);
      try {
        const file = new SourceFile(`<knowledge>/${stub.paths[0]}.go`, stub.source, tree);
        for (const path of stub.paths) index.setFile(`<knowledge>/${path}.go`, path, extractDeclarations(file, path));
      } finally {
        tree.delete();
      }
    }
  } finally {
    parser.delete();
  }
  knowledge = index;
  return index;
}
