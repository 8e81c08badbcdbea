/**
 * A package-wide fix (log-unstructured converts every file of a package) has one finding, in one file; the
 * language server offers its fix at the calls of the package's other files too, where its edits are.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fileUri, LspClient } from '../support/lsp-client';
import { tempWorkspaces } from '../support/temp-workspace';

const workspace = tempWorkspaces('go-traps-wide-');

const FILE = (name: string, verb: string) => `package order

import "log"

// ${name} changes an order.
func ${name}(id int64) error {
	log.Printf("${verb} order %d", id)
	return nil
}
`;
const FILES: Record<string, string> = {
  'go.mod': 'module example.com/shop\n\ngo 1.21\n',
  'order/cancel.go': FILE('Cancel', 'cancelling'),
  'order/place.go': FILE('Place', 'placing'),
};

describe('language server: package-wide fixes', () => {
  it('offers the package conversion at a log call of a file that does not hold the finding', async () => {
    const root = workspace(FILES);
    const client = new LspClient();
    try {
      await client.initialize(root);
      await client.waitFor((n) => n.method === 'goTraps/status' && !n.params.indexing && n.params.filesIndexed === 2);
      const cancelUri = fileUri(path.join(root, 'order/cancel.go'));
      const placeUri = fileUri(path.join(root, 'order/place.go'));
      client.open(cancelUri, FILES['order/cancel.go'], 1);
      const held = await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === cancelUri && n.params.diagnostics.length > 0);
      assert.deepEqual(held.params.diagnostics.map((d: any) => d.code), ['log-unstructured'], 'the finding sits in cancel.go, the first file');
      client.open(placeUri, FILES['order/place.go'], 1);
      await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === placeUri);
      // place.go has no diagnostic of its own; the cursor on its log call still reaches the conversion.
      const request = (line: number) =>
        client.request('textDocument/codeAction', {
          textDocument: { uri: placeUri },
          range: { start: { line, character: 3 }, end: { line, character: 3 } },
          context: { diagnostics: [], only: ['quickfix'] },
        });
      let actions: any[] = [];
      for (let i = 0; i < 50 && actions.length === 0; i++) {
        actions = (await request(6)).filter((a: any) => /^Convert the log calls of package order/.test(a.title));
        if (actions.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(actions.length, 1, 'one conversion offered at the call');
      const changes: any[] = actions[0].edit.documentChanges;
      assert.deepEqual(changes.map((c) => c.textDocument.uri).sort(), [cancelUri, placeUri].sort(), 'it converts both files');
      assert.equal(changes.find((c) => c.textDocument.uri === placeUri).textDocument.version, 1, 'pinned to the text it was computed for');
      assert.ok(changes.every((c) => c.edits.some((e: any) => /slog\./.test(e.newText))));
      // Away from the call (the package clause), nothing is offered.
      const elsewhere = (await request(0)).filter((a: any) => /^Convert the log calls/.test(a.title));
      assert.deepEqual(elsewhere, []);
    } finally {
      await client.shutdown();
    }
  });
});
