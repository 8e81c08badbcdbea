/** Builds a type index over in-memory sources the way the pipeline does, and asks the resolver about expressions. */
import { defaultSettings } from '../../server/src/engine/config';
import { GoModule, locateFile } from '../../server/src/engine/domains';
import { packageKeyOf } from '../../server/src/engine/packages';
import { scanDeclarations } from '../../server/src/go/declaration-scanner';
import { knowledgeIndex } from '../../server/src/go/knowledge';
import { parseGo, SyntaxNode, Tree } from '../../server/src/go/parser';
import { Resolver } from '../../server/src/go/resolver';
import { SourceFile } from '../../server/src/go/source';
import { TypeIndex } from '../../server/src/go/type-index';

export interface TypedSources {
  index: TypeIndex;
  /** The resolver of one file. */
  resolver(path: string): Resolver;
  /** The innermost expression node of `path` whose text is exactly `text` (the `nth` one, from 0). */
  node(path: string, text: string, nth?: number): SyntaxNode;
  dispose(): void;
}

export async function typedSources(sources: Record<string, string>, modules: GoModule[] = [{ root: '', path: 'example.com/shop' }]): Promise<TypedSources> {
  const settings = defaultSettings();
  const trees: Tree[] = [];
  const files = new Map<string, { file: SourceFile; key: string }>();
  for (const [path, text] of Object.entries(sources)) {
    const tree = await parseGo(text);
    trees.push(tree);
    const file = new SourceFile(path, text, tree);
    const key = packageKeyOf(locateFile(path, modules, settings), file.packageName);
    files.set(path, { file, key });
  }
  const index = new TypeIndex(knowledgeIndex());
  for (const [path, { file, key }] of files) index.setFile(path, key, scanDeclarations(file.text, () => key));
  const resolvers = new Map<string, Resolver>();
  return {
    index,
    resolver(path) {
      let resolver = resolvers.get(path);
      if (!resolver) {
        const entry = files.get(path);
        if (!entry) throw new Error(`no source ${path}`);
        resolvers.set(path, (resolver = new Resolver(entry.file, index, entry.key)));
      }
      return resolver;
    },
    node(path, text, nth = 0) {
      const entry = files.get(path);
      if (!entry) throw new Error(`no source ${path}`);
      const matches: SyntaxNode[] = [];
      const visit = (node: SyntaxNode) => {
        for (const child of node.namedChildren) if (child) visit(child);
        if (node.text === text) matches.push(node);
      };
      visit(entry.file.root);
      // Children are pushed before their parents: the first match per position is the innermost node.
      const innermost = matches.filter((n, i) => !matches.slice(0, i).some((m) => m.startIndex === n.startIndex));
      const found = innermost.sort((a, b) => a.startIndex - b.startIndex)[nth];
      if (!found) throw new Error(`no node "${text}" #${nth} in ${path}`);
      return found;
    },
    dispose() {
      for (const tree of trees) tree.delete();
    },
  };
}
