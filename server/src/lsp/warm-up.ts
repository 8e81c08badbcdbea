/**
 * The keystroke path, warmed while the server is idle. The scan's rules run in worker threads, so the editor's
 * thread meets the rules' code for the first time on the user's first keystrokes, and V8 runs it unoptimized
 * then: the first keys after opening a file waited up to twice as long as the rest. Running the file rules a few
 * dozen times over a small sample that reaches most of them, with the same incremental edits a typing user
 * makes, lets V8 compile them before anyone types. Nothing is published; the sample is not in any workspace.
 */
import type { Engine } from '../engine/analyze';
import type { Parser } from '../go/parser';
import { SourceFile } from '../go/source';
import type { FileLocation } from '../engine/rule';
import { OpenDocument } from './documents';

/** A service file with one of each trap the file rules look for (and the look-alikes beside them). */
const SAMPLE = `package orders

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"time"
)

type Repo struct {
	db  *sql.DB
	log *log.Logger
}

var client = &http.Client{}


const dsn = "root:secret@tcp(10.0.0.5:3306)/orders"

func (r *Repo) Count(ctx context.Context, id string) (int, error) {
	var n int
	err := r.db.QueryRow("SELECT count(*) FROM orders WHERE user_id = ?", id).Scan(&n)
	if err != nil {
		r.log.Printf("count failed: %v", err)
		return 0, fmt.Errorf("count: %w", err)
	}
	rows, err := r.db.QueryContext(context.Background(), "SELECT id FROM orders")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	return n, nil
}

func (r *Repo) Handle(w http.ResponseWriter, req *http.Request) {
	ctx, cancel := context.WithTimeout(req.Context(), time.Second)
	defer cancel()
	short, _ := context.WithTimeout(ctx, time.Second)
	port, _ := strconv.Atoi(os.Getenv("PORT"))
	go func() {
		for {
			r.log.Println("tick", port)
			time.Sleep(time.Second)
		}
	}()
	request, _ := http.NewRequest("GET", "http://inventory/items", nil)
	resp, err := client.Do(request)
	if err != nil {
		log.Printf("callback failed: %v", err)
		slog.Error("callback failed", "err", err)
		return
	}
	defer resp.Body.Close()
	_ = short
}
`;

const LOCATION: FileLocation = { path: 'go-traps-warm-up/orders.go', modulePath: '', packageDir: 'go-traps-warm-up', domain: '', goVersion: '' };
const ROUNDS = 40;
const TYPED = ' // warming';

/**
 * Runs `ROUNDS` keystrokes' worth of light analyses, one per turn of the event loop. Resolves with the rules the
 * sample made report (a test holds that it reaches most of them, not just their first lines).
 */
export function warmUpKeystrokePath(engine: Engine, parser: Parser, yieldTurn: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve))): Promise<Set<string>> {
  return (async () => {
    const reported = new Set<string>();
    const document = new OpenDocument('untitled:go-traps-warm-up', 'go', 1, SAMPLE);
    const line = SAMPLE.split('\n').findIndex((text) => text.includes('r.log.Println'));
    const column = SAMPLE.split('\n')[line].length;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const typed = round % TYPED.length;
        const change =
          round < ROUNDS / 2
            ? { range: { start: { line, character: column + typed }, end: { line, character: column + typed } }, text: TYPED[typed] }
            : { range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: '' };
        document.applyChanges([change], round + 2);
        const text = document.text;
        const analysis = engine.analyzeFile(new SourceFile(LOCATION.path, text, document.syntaxTree(parser)), LOCATION);
        for (const finding of analysis.findings) reported.add(finding.ruleId);
        await yieldTurn();
      }
    } finally {
      document.dropTree();
    }
    return reported;
  })();
}
