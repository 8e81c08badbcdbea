/**
 * A file no rule can report on is never parsed: the rules rule it out from its text, and SourceFile parses only
 * when asked for its tree. The findings must not change (the fixtures hold that); this holds the saving.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { defaultSettings } from '../../server/src/engine/config';
import { observeParses, SourceFile } from '../../server/src/go/source';

const PLAIN = `package shapes

// Area is the area of a rectangle.
func Area(w, h float64) float64 {
	return w * h
}
`;

const QUERY = `package user

import "database/sql"

func Count(db *sql.DB) (n int, err error) {
	err = db.QueryRow("SELECT count(*) FROM users").Scan(&n)
	return n, err
}
`;

const STARTER = `package feed

func Start(ch chan int, items []int) {
	go drain(ch)
	go func() {
		println(len(items))
	}()
}
`;

/** \`drain\` in a file of its own: with a way out (\`return\`) or without. */
const drain = (body: string) => `package feed

func drain(ch chan int) {
\tfor {
${body}
\t}
}
`;

/** The CLI's analysis: the rules without the editor's checklist and coupling collectors. */
function analyzeOne(path: string, text: string) {
  return analyze([path], () => text, defaultSettings(), [], { collectors: false });
}

function analyzeAll(files: Record<string, string>) {
  return analyze(Object.keys(files), (path) => files[path], defaultSettings(), [{ root: '', path: 'x', goVersion: '1.22' }], { collectors: false });
}

describe('lazy parsing', () => {
  const parsed: string[] = [];
  observeParses((file: SourceFile) => {
    if (!parsed.includes(file.path)) parsed.push(file.path);
  });
  after(() => observeParses(undefined));

  /** Analyses the files and asserts that nothing was reported and no file was parsed. */
  async function assertNothingParsed(files: Record<string, string>): Promise<void> {
    parsed.length = 0;
    const result = await analyzeAll(files);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(parsed, []);
  }

  it('never parses a file that no rule can report on', async () => {
    parsed.length = 0;
    const result = await analyzeOne('shapes/area.go', PLAIN);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(parsed, []);
  });

  it('parses a file a rule must read, and reports it', async () => {
    parsed.length = 0;
    const result = await analyzeOne('user/count.go', QUERY);
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['db-no-context']);
    assert.deepEqual(parsed, ['user/count.go']);
  });

  it('never parses a file whose goroutines start nothing that may loop forever, nor loop over anything', () =>
    assertNothingParsed({ 'feed/start.go': STARTER, 'feed/drain.go': drain('\t\tif <-ch < 0 {\n\t\t\treturn\n\t\t}') }));

  it('parses the file that starts a function that may loop forever, in another file, and reports the loop', async () => {
    parsed.length = 0;
    const result = await analyzeAll({ 'feed/start.go': STARTER, 'feed/drain.go': drain('\t\t<-ch') });
    assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${f.path}`), ['goroutine-no-exit feed/drain.go']);
    assert.deepEqual([...parsed].sort(), ['feed/drain.go', 'feed/start.go']);
  });

  it('never parses a file whose Dial or Addr builds no client of a library it could name', () =>
    assertNothingParsed({
      'dial/dial.go': 'package dial\n\nimport "net"\n\nvar conn, _ = net.Dial("tcp", "localhost:6379")\n\ntype Peer struct{ Addr string }\n\nvar p = Peer{Addr: "localhost:6379"}\n',
    }));

  it('parses a file that reaches a client library\'s options through another package\'s alias, and reports the address', async () => {
    parsed.length = 0;
    const files = {
      'cfg/cfg.go': 'package cfg\n\nimport "github.com/redis/go-redis/v9"\n\ntype Options = redis.Options\n',
      'app/app.go': 'package app\n\nimport "x/cfg"\n\nvar Opts = &cfg.Options{Addr: "localhost:6379"}\n',
    };
    const result = await analyzeAll(files);
    assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${f.path}`), ['config-hardcoded-dsn app/app.go']);
    assert.ok(parsed.includes('app/app.go'));
  });

  it('never parses a file whose Query and QueryRow are methods of its own types, with no database library in reach', () =>
    assertNothingParsed({
      'jobs/queue.go': 'package jobs\n\ntype Queue struct{ n int }\n\nfunc (q *Queue) Query(name string) int { return q.n }\n\nfunc (q *Queue) QueryRow() int { return 0 }\n\nfunc Run(q *Queue) int {\n\treturn q.QueryRow() + q.Query("all")\n}\n',
    }));

  it('never parses a file whose Client and Timeout have nothing to do with net/http', () =>
    assertNothingParsed({
      'rpc/client.go': 'package rpc\n\nimport (\n\t"net"\n\t"time"\n)\n\ntype Client struct{ Timeout time.Duration }\n\nvar Default = &Client{Timeout: time.Second}\n\nfunc Dialer(c *Client) *net.Dialer {\n\td := &net.Dialer{}\n\td.Timeout = c.Timeout\n\treturn d\n}\n',
    }));
});
