/** The evidence the database rules stand on: receiver types, deadline-free contexts, and DSN recognition. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noDeadlineContext } from '../../server/src/traps/db/db-context';
import { dbHandleOf } from '../../server/src/traps/db/db-handles';
import { typedSources } from '../support/types';
import { nonProductionEnvironment, parseDsn } from '../../server/src/traps/config/dsn';
import { findAll } from '../../server/src/go/syntax';
import { parseGo, SyntaxNode } from '../../server/src/go/parser';
import { SourceFile } from '../../server/src/go/source';

/** Runs `check` on the file and the receiver (operand) of each call to a method named `marker`. */
async function withMarkedCalls(source: string, marker: string, check: (file: SourceFile, receivers: SyntaxNode[], calls: SyntaxNode[]) => void): Promise<void> {
  const tree = await parseGo(source);
  try {
    const file = new SourceFile('x.go', source, tree);
    const calls = findAll(file.root, 'call_expression').filter((c) => c.childForFieldName('function')?.childForFieldName('field')?.text === marker);
    check(file, calls.map((c) => c.childForFieldName('function')!.childForFieldName('operand')!), calls);
  } finally {
    tree.delete();
  }
}

const HANDLES = `package p

import (
	stdsql "database/sql"

	"github.com/jmoiron/sqlx"
	"gorm.io/gorm"
)

type Repo struct {
	db    *stdsql.DB
	cache interface{ Mark() }
	x     *sqlx.DB
	*gorm.DB
}

var global, _ = stdsql.Open("mysql", "")

func newTx(db *stdsql.DB) *stdsql.Tx { tx, _ := db.Begin(); return tx }

func (r *Repo) F(db *stdsql.DB, other interface{ Mark() }) {
	db.Mark()
	r.db.Mark()
	r.cache.Mark()
	r.x.Mark()
	r.x.DB.Mark()
	r.DB.Mark()
	global.Mark()
	tx, _ := db.Begin()
	tx.Mark()
	stmt, _ := tx.Prepare("q")
	stmt.Mark()
	newTx(db).Mark()
	other.Mark()
	for _, db := range []int{1} {
		db.Mark()
	}
	{
		db := other
		db.Mark()
	}
	db.Mark()
	sqlDB, _ := r.DB.DB()
	sqlDB.Mark()
}
`;

describe('database handles through the resolver', () => {
  const markedReceivers = (t: Awaited<ReturnType<typeof typedSources>>) =>
    findAll(t.resolver('p/x.go').file.root, 'call_expression')
      .filter((c) => c.childForFieldName('function')?.childForFieldName('field')?.text === 'Mark')
      .map((c) => c.childForFieldName('function')!.childForFieldName('operand')!);

  it('tells handles by their resolved types, and nothing else', async () => {
    const t = await typedSources({ 'p/x.go': HANDLES });
    try {
      const r = t.resolver('p/x.go');
      const kinds = markedReceivers(t).map((receiver) => {
        const type = dbHandleOf(r.typeOf(receiver));
        return `${receiver.text}=${type ? `${type.library}.${type.kind}` : '?'}`;
      });
      assert.deepEqual(kinds, [
        'db=sql.DB',
        'r.db=sql.DB',
        'r.cache=?',
        'r.x=sqlx.DB',
        'r.x.DB=sql.DB',
        'r.DB=gorm.DB',
        'global=sql.DB',
        'tx=sql.Tx',
        'stmt=sql.Stmt',
        'newTx(db)=sql.Tx',
        'other=?',
        'db=?',
        'db=?',
        'db=sql.DB',
        'sqlDB=sql.DB',
      ]);
    } finally {
      t.dispose();
    }
  });

  it('does not take a workspace type named DB for a handle', async () => {
    const t = await typedSources({ 'p/x.go': 'package p\n\ntype DB struct{}\n\nfunc f(db *DB) { db.Mark() }\n' });
    try {
      assert.equal(dbHandleOf(t.resolver('p/x.go').typeOf(markedReceivers(t)[0])), null);
    } finally {
      t.dispose();
    }
  });
});

describe('noDeadlineContext', () => {
  const source = `package p

import (
	"context"
	"time"
)

type key struct{}

func f(ctx context.Context, d time.Duration) {
	use(context.Background())
	use(context.TODO())
	use(ctx)
	bg := context.WithValue(context.Background(), key{}, 1)
	use(bg)
	timed, cancel := context.WithTimeout(bg, d)
	defer cancel()
	use(timed)
	bg, cancel = context.WithDeadline(bg, time.Now())
	use(bg)
	plain := context.Background()
	if d > 0 {
		plain := timed
		use(plain)
	}
	use(plain)
}
`;

  it('follows Background/TODO through variables of the function, and stops at deadlines and parameters', async () => {
    await withMarkedCalls(source.replace(/use\(/g, 'x.use('), 'use', (file, _receivers, calls) => {
      const verdicts = calls.map((call) => {
        const arg = call.childForFieldName('arguments')!.namedChildren[0]!;
        const lack = noDeadlineContext(file, arg);
        return `${arg.text}=${lack ? `${lack.root}${lack.pure ? '' : '+'}` : 'ok'}`;
      });
      assert.deepEqual(verdicts, [
        'context.Background()=Background',
        'context.TODO()=TODO',
        'ctx=ok',
        'bg=Background+',
        'timed=ok',
        'bg=ok',
        'plain=ok',
        'plain=Background',
      ]);
    });
  });
});

describe('parseDsn', () => {
  const cases: [string, string | null][] = [
    ['postgres://app:s3cret@db.prod.internal:5432/shop?sslmode=require', 'url host=db.prod.internal password'],
    ['postgres://localhost/shop', 'url host=localhost'],
    ['mongodb+srv://u:p@cluster0.example.net/app', 'url host=cluster0.example.net password'],
    ['mysql://u:p@tcp(127.0.0.1:3306)/shop', 'url host=127.0.0.1 password'],
    ['root:pw@tcp(dev-db:3306)/orders?parseTime=true', 'mysql host=dev-db password'],
    ['root:pw@/orders', 'mysql password'],
    ['app@unix(/run/mysqld.sock)/orders', 'mysql'],
    ['host=localhost port=5432 user=app password=app dbname=shop sslmode=disable', 'keyvalue host=localhost password'],
    ['server=sql.example.com;user id=sa;password=Pa55;database=shop', 'keyvalue host=sql.example.com password'],
    ['%s:%s@tcp(%s:%d)/%s', null],
    ['host=%s user=%s password=%s dbname=shop', null],
    ['https://user:token@api.example.com/v1', null],
    ['mysql://a,b,c/bar', 'url'],
    ['orders@shop.example.com', null],
    ['set DATABASE_URL, e.g. postgres://user:pass@host/db', null],
    ['key=value', null],
  ];
  for (const [text, expected] of cases) {
    it(text, () => {
      const dsn = parseDsn(text);
      const described = dsn && [dsn.form, dsn.host && `host=${dsn.host}`, dsn.password && 'password'].filter(Boolean).join(' ');
      assert.equal(described, expected);
    });
  }
});

describe('nonProductionEnvironment', () => {
  const cases: [string, string][] = [
    ['localhost', 'local'],
    ['127.0.0.1', 'local'],
    ['dev-db', 'dev'],
    ['db.staging.internal', 'staging'],
    ['mysql-test', 'test'],
    ['orders-db.prod.internal', ''],
    ['devops-db', ''],
    ['contest.example.com', ''],
  ];
  for (const [host, expected] of cases) it(`${host} → ${expected || 'production'}`, () => assert.equal(nonProductionEnvironment(host), expected));
});
