/**
 * What Go Traps knows about the libraries its rules care about, described once as Go declarations and read
 * with the same scanner as workspace code: a rule learns that `sql.Open` returns a `*sql.DB`, that `sqlx.DB`
 * embeds one, or that `Upgrade` returns a `*websocket.Conn` from here, never from a guess of its own.
 * A workspace package with the same import path (the standard library analysed as a workspace) wins.
 */
import { TypeIndex } from '../type-index';
import { KNOWLEDGE_DECLS } from './generated/decls';
import { LIBRARY_STUBS } from './library-stubs';

export { LIBRARY_STUBS };

let knowledge: TypeIndex | undefined;

/**
 * The library signatures as an index, built on first use from their declarations, which the build reads from the
 * stubs once (`knowledge-decls.ts`): every thread that needs them would otherwise scan them again (~25-40 ms each).
 */
export function knowledgeIndex(): TypeIndex {
  if (knowledge) return knowledge;
  const index = new TypeIndex();
  for (const { file, pkg, decls } of KNOWLEDGE_DECLS) index.setFile(file, pkg, decls);
  knowledge = index;
  return index;
}
