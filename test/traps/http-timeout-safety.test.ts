/**
 * Whether the Timeout fixes of http-client-no-timeout are safe for bulk application: only when the rule sees every
 * use of the client and every response is read in full in place. Clients kept where other files reach them get
 * the fix one at a time, never from --fix; downloads, streams and responses handed on get no Timeout fix at all.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeSources } from '../../server/src/engine/analyze';
import { defaultSettings } from '../../server/src/engine/config';
import type { Finding } from '../../server/src/engine/types';

async function findings(body: string, imports = ['"io"', '"net/http"', '"os"']): Promise<Finding[]> {
  const text = `package svc\n\nimport (\n${imports.map((i) => `\t${i}\n`).join('')})\n\n${body}`;
  const result = await analyzeSources([{ path: 'svc/client.go', text }], defaultSettings());
  return result.findings.filter((f) => f.ruleId === 'http-client-no-timeout');
}

async function only(body: string, imports?: string[]): Promise<Finding> {
  const found = await findings(body, imports);
  assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
  return found[0];
}

function safety(finding: Finding): boolean[] {
  return finding.fixes.map((f) => f.safe);
}

describe('http-client-no-timeout: which Timeout fixes are safe in bulk', () => {
  it('a local client whose response is read in full is safe', async () => {
    const f = await only(`func Price(u string) ([]byte, error) {
	c := &http.Client{}
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
`);
    assert.deepEqual(safety(f), [true]);
  });

  it('a client kept in a package variable is not: other files may download through it', async () => {
    const f = await only(`var client = &http.Client{}

func Price(u string) ([]byte, error) {
	resp, err := client.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
`);
    assert.deepEqual(safety(f), [false]);
  });

  it('a local client that is returned or stored is not', async () => {
    for (const body of ['func New() *http.Client {\n\tc := &http.Client{}\n\treturn c\n}\n', 'type S struct{ c *http.Client }\n\nfunc (s *S) init() {\n\tc := &http.Client{}\n\ts.c = c\n}\n']) {
      assert.deepEqual(safety(await only(body)), [false], body);
    }
  });

  it('a response copied into a file is a download: reported as such, fix unsafe', async () => {
    const f = await only(`func Fetch(u, path string) error {
	c := &http.Client{}
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, resp.Body)
	return err
}
`);
    assert.match(f.message, /read as a stream or saved \(line 20\)/);
    // The message says a total Timeout does not suit this client: none is offered, safe or not.
    assert.deepEqual(safety(f), []);
  });

  it('a response body handed back to the caller (the shape of cmd/go web.Get) is read elsewhere: unsafe', async () => {
    const f = await only(`var secure = &http.Client{}

func get(req *http.Request) (io.ReadCloser, error) {
	var res *http.Response
	res, err := secure.Do(req)
	if err != nil {
		return nil, err
	}
	return res.Body, nil
}
`);
    assert.match(f.message, /handed on to be read elsewhere/);
    assert.deepEqual(safety(f), []);
  });

  it('a body put in a local or a gzip reader and decoded once is read in full (tinode push): plain message, safe fix', async () => {
    const f = await only(`func Push(u string) (map[string]any, error) {
	c := &http.Client{}
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	var reader io.ReadCloser
	if resp.Header.Get("Content-Encoding") == "gzip" {
		reader, err = gzip.NewReader(resp.Body)
		if err == nil {
			defer reader.Close()
		}
	} else {
		reader = resp.Body
	}
	var out map[string]any
	if err == nil {
		err = json.NewDecoder(reader).Decode(&out)
	}
	resp.Body.Close()
	return out, err
}
`, ['"compress/gzip"', '"encoding/json"', '"io"', '"net/http"']);
    assert.match(f.message, /has no Timeout: a stalled server/);
    assert.deepEqual(safety(f), [true]);
  });

  it('a local holding the body that is returned hands it on', async () => {
    const f = await only(`func Open(u string) (io.Reader, error) {
	c := &http.Client{}
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	r := resp.Body
	return r, nil
}
`);
    assert.match(f.message, /handed on to be read elsewhere/);
  });

  it('a decoder read in a loop and a line scanner are streams', async () => {
    const decoder = await only(`func Events(u string) error {
	c := http.Client{}
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(resp.Body)
	for dec.More() {
		var v map[string]any
		if err := dec.Decode(&v); err != nil {
			return err
		}
	}
	return nil
}
`, ['"encoding/json"', '"net/http"']);
    assert.match(decoder.message, /read as a stream/);
    const scanner = await only(`func Lines(u string) error {
	resp, err := (&http.Client{}).Get(u)
	if err != nil {
		return err
	}
	s := bufio.NewScanner(resp.Body)
	for s.Scan() {
	}
	return nil
}
`, ['"bufio"', '"net/http"']);
    assert.match(scanner.message, /read as a stream/);
    assert.deepEqual([...safety(decoder), ...safety(scanner)], []);
  });

  it('http.Get read in full is safe; a file URL or a download function is not', async () => {
    const plain = await only(`func Price(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
`);
    assert.deepEqual(safety(plain), [true]);
    const file = await only(`const zones = "https://example.com/data/windowsZones.xml"

func Zones() ([]byte, error) {
	resp, err := http.Get(zones)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
`);
    assert.deepEqual(safety(file), [false]);
    const named = await only(`func downloadModule(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
`);
    assert.deepEqual(safety(named), [false]);
  });

  it('http.Get saved to a file and a client handed to an SDK get their own message and no Timeout fix', async () => {
    const saved = await only(`func Save(u, path string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, resp.Body)
	return err
}
`);
    assert.match(saved.message, /^http\.Get sends through http\.DefaultClient.*read as a stream or saved \(line 19\)/);
    assert.deepEqual(saved.fixes, []);
    const handed = await only(`func Bucket(u string) *storage.Client {
	return storage.New(u, &http.Client{Transport: http.DefaultTransport})
}
`, ['"net/http"', '"example.com/storage"']);
    assert.match(handed.message, /handed to storage\.New/);
    assert.deepEqual(handed.fixes, []);
  });

  it('a request with a deadline of its own is bounded; a cancel-only context is not', async () => {
    const body = (derive: string) => `func Ping(u string) error {
	ctx, cancel := context.${derive}
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
`;
    const imports = ['"context"', '"net/http"', '"time"'];
    assert.deepEqual(await findings(body('WithTimeout(context.Background(), time.Second)'), imports), []);
    assert.equal((await findings(body('WithCancel(context.Background())'), imports)).length, 1);
  });

  it('http.DefaultClient handed on as a value is never safe', async () => {
    const f = await only('func Client() *http.Client { return http.DefaultClient }\n');
    assert.deepEqual(safety(f), [false]);
  });
});
