/** database/sql, sqlx and gorm: what the db rules need to follow a handle through calls, fields and embedding. */
import type { LibraryStub } from './stub';

export const DATABASE_STUBS: LibraryStub[] = [
  {
    paths: ['database/sql'],
    source: `package sql
import ("context"; "time"; "database/sql/driver")
type DB struct{}
type Tx struct{}
type Conn struct{}
type Stmt struct{}
type Rows struct{}
type Row struct{}
type TxOptions struct{}
type Result interface { LastInsertId() (int64, error); RowsAffected() (int64, error) }
type DBStats struct{ OpenConnections int; InUse int; Idle int; WaitCount int64 }
func Open(driverName string, dataSourceName string) (*DB, error)
func OpenDB(c driver.Connector) *DB
func (db *DB) Begin() (*Tx, error)
func (db *DB) BeginTx(ctx context.Context, opts *TxOptions) (*Tx, error)
func (db *DB) Conn(ctx context.Context) (*Conn, error)
func (db *DB) Exec(query string, args ...any) (Result, error)
func (db *DB) ExecContext(ctx context.Context, query string, args ...any) (Result, error)
func (db *DB) Query(query string, args ...any) (*Rows, error)
func (db *DB) QueryContext(ctx context.Context, query string, args ...any) (*Rows, error)
func (db *DB) QueryRow(query string, args ...any) *Row
func (db *DB) QueryRowContext(ctx context.Context, query string, args ...any) *Row
func (db *DB) Prepare(query string) (*Stmt, error)
func (db *DB) PrepareContext(ctx context.Context, query string) (*Stmt, error)
func (db *DB) Ping() error
func (db *DB) PingContext(ctx context.Context) error
func (db *DB) Close() error
func (db *DB) SetMaxOpenConns(n int)
func (db *DB) SetMaxIdleConns(n int)
func (db *DB) SetConnMaxLifetime(d time.Duration)
func (db *DB) SetConnMaxIdleTime(d time.Duration)
func (db *DB) Stats() DBStats
func (db *DB) Driver() driver.Driver
func (tx *Tx) Commit() error
func (tx *Tx) Rollback() error
func (tx *Tx) Exec(query string, args ...any) (Result, error)
func (tx *Tx) ExecContext(ctx context.Context, query string, args ...any) (Result, error)
func (tx *Tx) Query(query string, args ...any) (*Rows, error)
func (tx *Tx) QueryContext(ctx context.Context, query string, args ...any) (*Rows, error)
func (tx *Tx) QueryRow(query string, args ...any) *Row
func (tx *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *Row
func (tx *Tx) Prepare(query string) (*Stmt, error)
func (tx *Tx) PrepareContext(ctx context.Context, query string) (*Stmt, error)
func (tx *Tx) Stmt(stmt *Stmt) *Stmt
func (tx *Tx) StmtContext(ctx context.Context, stmt *Stmt) *Stmt
func (c *Conn) BeginTx(ctx context.Context, opts *TxOptions) (*Tx, error)
func (c *Conn) ExecContext(ctx context.Context, query string, args ...any) (Result, error)
func (c *Conn) QueryContext(ctx context.Context, query string, args ...any) (*Rows, error)
func (c *Conn) QueryRowContext(ctx context.Context, query string, args ...any) *Row
func (c *Conn) PrepareContext(ctx context.Context, query string) (*Stmt, error)
func (c *Conn) PingContext(ctx context.Context) error
func (c *Conn) Close() error
func (s *Stmt) Exec(args ...any) (Result, error)
func (s *Stmt) ExecContext(ctx context.Context, args ...any) (Result, error)
func (s *Stmt) Query(args ...any) (*Rows, error)
func (s *Stmt) QueryContext(ctx context.Context, args ...any) (*Rows, error)
func (s *Stmt) QueryRow(args ...any) *Row
func (s *Stmt) QueryRowContext(ctx context.Context, args ...any) *Row
func (s *Stmt) Close() error
func (rs *Rows) Next() bool
func (rs *Rows) Scan(dest ...any) error
func (rs *Rows) Close() error
func (rs *Rows) Err() error
func (rs *Rows) Columns() ([]string, error)
func (r *Row) Scan(dest ...any) error
func (r *Row) Err() error
`,
  },
  {
    paths: ['github.com/jmoiron/sqlx'],
    source: `package sqlx
import ("context"; "database/sql")
type DB struct { *sql.DB }
type Tx struct { *sql.Tx }
type Conn struct { *sql.Conn }
type Stmt struct { *sql.Stmt }
type NamedStmt struct { Stmt *Stmt; QueryString string }
type Rows struct { *sql.Rows }
type Row struct{}
func Open(driverName string, dataSourceName string) (*DB, error)
func MustOpen(driverName string, dataSourceName string) *DB
func Connect(driverName string, dataSourceName string) (*DB, error)
func ConnectContext(ctx context.Context, driverName string, dataSourceName string) (*DB, error)
func MustConnect(driverName string, dataSourceName string) *DB
func NewDb(db *sql.DB, driverName string) *DB
func In(query string, args ...any) (string, []any, error)
func (db *DB) Beginx() (*Tx, error)
func (db *DB) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*Tx, error)
func (db *DB) MustBegin() *Tx
func (db *DB) MustBeginTx(ctx context.Context, opts *sql.TxOptions) *Tx
func (db *DB) Connx(ctx context.Context) (*Conn, error)
func (db *DB) Unsafe() *DB
func (db *DB) Rebind(query string) string
func (db *DB) DriverName() string
func (db *DB) Get(dest any, query string, args ...any) error
func (db *DB) GetContext(ctx context.Context, dest any, query string, args ...any) error
func (db *DB) Select(dest any, query string, args ...any) error
func (db *DB) SelectContext(ctx context.Context, dest any, query string, args ...any) error
func (db *DB) Queryx(query string, args ...any) (*Rows, error)
func (db *DB) QueryxContext(ctx context.Context, query string, args ...any) (*Rows, error)
func (db *DB) QueryRowx(query string, args ...any) *Row
func (db *DB) QueryRowxContext(ctx context.Context, query string, args ...any) *Row
func (db *DB) MustExec(query string, args ...any) sql.Result
func (db *DB) MustExecContext(ctx context.Context, query string, args ...any) sql.Result
func (db *DB) NamedExec(query string, arg any) (sql.Result, error)
func (db *DB) NamedExecContext(ctx context.Context, query string, arg any) (sql.Result, error)
func (db *DB) NamedQuery(query string, arg any) (*Rows, error)
func (db *DB) NamedQueryContext(ctx context.Context, query string, arg any) (*Rows, error)
func (db *DB) Preparex(query string) (*Stmt, error)
func (db *DB) PreparexContext(ctx context.Context, query string) (*Stmt, error)
func (db *DB) PrepareNamed(query string) (*NamedStmt, error)
func (db *DB) PrepareNamedContext(ctx context.Context, query string) (*NamedStmt, error)
func (tx *Tx) Unsafe() *Tx
func (tx *Tx) Get(dest any, query string, args ...any) error
func (tx *Tx) GetContext(ctx context.Context, dest any, query string, args ...any) error
func (tx *Tx) Select(dest any, query string, args ...any) error
func (tx *Tx) SelectContext(ctx context.Context, dest any, query string, args ...any) error
func (tx *Tx) Queryx(query string, args ...any) (*Rows, error)
func (tx *Tx) QueryxContext(ctx context.Context, query string, args ...any) (*Rows, error)
func (tx *Tx) QueryRowx(query string, args ...any) *Row
func (tx *Tx) QueryRowxContext(ctx context.Context, query string, args ...any) *Row
func (tx *Tx) MustExec(query string, args ...any) sql.Result
func (tx *Tx) MustExecContext(ctx context.Context, query string, args ...any) sql.Result
func (tx *Tx) NamedExec(query string, arg any) (sql.Result, error)
func (tx *Tx) NamedExecContext(ctx context.Context, query string, arg any) (sql.Result, error)
func (tx *Tx) NamedQuery(query string, arg any) (*Rows, error)
func (tx *Tx) Preparex(query string) (*Stmt, error)
func (tx *Tx) PreparexContext(ctx context.Context, query string) (*Stmt, error)
func (tx *Tx) PrepareNamed(query string) (*NamedStmt, error)
func (tx *Tx) PrepareNamedContext(ctx context.Context, query string) (*NamedStmt, error)
func (tx *Tx) Stmtx(stmt any) *Stmt
func (tx *Tx) StmtxContext(ctx context.Context, stmt any) *Stmt
func (tx *Tx) NamedStmt(stmt *NamedStmt) *NamedStmt
func (tx *Tx) NamedStmtContext(ctx context.Context, stmt *NamedStmt) *NamedStmt
func (s *Stmt) Unsafe() *Stmt
func (s *Stmt) Get(dest any, args ...any) error
func (s *Stmt) GetContext(ctx context.Context, dest any, args ...any) error
func (s *Stmt) Select(dest any, args ...any) error
func (s *Stmt) SelectContext(ctx context.Context, dest any, args ...any) error
func (s *Stmt) Queryx(args ...any) (*Rows, error)
func (s *Stmt) QueryxContext(ctx context.Context, args ...any) (*Rows, error)
func (s *Stmt) QueryRowx(args ...any) *Row
func (s *Stmt) QueryRowxContext(ctx context.Context, args ...any) *Row
func (s *Stmt) MustExec(args ...any) sql.Result
func (s *Stmt) MustExecContext(ctx context.Context, args ...any) sql.Result
func (n *NamedStmt) Exec(arg any) (sql.Result, error)
func (n *NamedStmt) ExecContext(ctx context.Context, arg any) (sql.Result, error)
func (n *NamedStmt) Query(arg any) (*sql.Rows, error)
func (n *NamedStmt) QueryContext(ctx context.Context, arg any) (*sql.Rows, error)
func (n *NamedStmt) QueryRow(arg any) *Row
func (n *NamedStmt) QueryRowContext(ctx context.Context, arg any) *Row
func (n *NamedStmt) Get(dest any, arg any) error
func (n *NamedStmt) GetContext(ctx context.Context, dest any, arg any) error
func (n *NamedStmt) Select(dest any, arg any) error
func (n *NamedStmt) SelectContext(ctx context.Context, dest any, arg any) error
func (n *NamedStmt) Queryx(arg any) (*Rows, error)
func (n *NamedStmt) QueryxContext(ctx context.Context, arg any) (*Rows, error)
func (n *NamedStmt) QueryRowx(arg any) *Row
func (n *NamedStmt) QueryRowxContext(ctx context.Context, arg any) *Row
func (n *NamedStmt) MustExec(arg any) sql.Result
func (n *NamedStmt) MustExecContext(ctx context.Context, arg any) sql.Result
func (n *NamedStmt) Close() error
func (r *Row) Scan(dest ...any) error
func (r *Row) StructScan(dest any) error
func (r *Rows) StructScan(dest any) error
`,
  },
  {
    paths: ['gorm.io/gorm'],
    source: `package gorm
import ("context"; "database/sql")
type Dialector interface{ Name() string }
type Option interface{}
type Config struct{}
type Session struct{ Context context.Context }
type Statement struct{ Context context.Context }
type DB struct { *Config; Error error; RowsAffected int64; Statement *Statement }
func Open(dialector Dialector, opts ...Option) (*DB, error)
func (db *DB) DB() (*sql.DB, error)
func (db *DB) WithContext(ctx context.Context) *DB
func (db *DB) Session(config *Session) *DB
func (db *DB) Debug() *DB
func (db *DB) Begin(opts ...*sql.TxOptions) *DB
func (db *DB) Commit() *DB
func (db *DB) Rollback() *DB
func (db *DB) Transaction(fc func(tx *DB) error, opts ...*sql.TxOptions) error
func (db *DB) Model(value any) *DB
func (db *DB) Table(name string, args ...any) *DB
func (db *DB) Where(query any, args ...any) *DB
func (db *DB) Or(query any, args ...any) *DB
func (db *DB) Not(query any, args ...any) *DB
func (db *DB) Select(query any, args ...any) *DB
func (db *DB) Omit(columns ...string) *DB
func (db *DB) Joins(query string, args ...any) *DB
func (db *DB) Preload(query string, args ...any) *DB
func (db *DB) Order(value any) *DB
func (db *DB) Limit(limit int) *DB
func (db *DB) Offset(offset int) *DB
func (db *DB) Group(name string) *DB
func (db *DB) Unscoped() *DB
func (db *DB) Find(dest any, conds ...any) *DB
func (db *DB) First(dest any, conds ...any) *DB
func (db *DB) Take(dest any, conds ...any) *DB
func (db *DB) Last(dest any, conds ...any) *DB
func (db *DB) Create(value any) *DB
func (db *DB) Save(value any) *DB
func (db *DB) Update(column string, value any) *DB
func (db *DB) Updates(values any) *DB
func (db *DB) Delete(value any, conds ...any) *DB
func (db *DB) Count(count *int64) *DB
func (db *DB) Scan(dest any) *DB
func (db *DB) Raw(sql string, values ...any) *DB
func (db *DB) Exec(sql string, values ...any) *DB
func (db *DB) Rows() (*sql.Rows, error)
func (db *DB) Row() *sql.Row
func (db *DB) AutoMigrate(dst ...any) error
`,
  },
  {
    paths: ['github.com/jinzhu/gorm'],
    source: `package gorm
import "database/sql"
type DB struct { Error error; RowsAffected int64; Value any }
func Open(dialect string, args ...any) (*DB, error)
func (s *DB) DB() *sql.DB
func (s *DB) Begin() *DB
func (s *DB) Commit() *DB
func (s *DB) Rollback() *DB
func (s *DB) Model(value any) *DB
func (s *DB) Table(name string) *DB
func (s *DB) Where(query any, args ...any) *DB
func (s *DB) Find(out any, where ...any) *DB
func (s *DB) First(out any, where ...any) *DB
func (s *DB) Create(value any) *DB
func (s *DB) Save(value any) *DB
func (s *DB) Delete(value any, where ...any) *DB
func (s *DB) Raw(sql string, values ...any) *DB
func (s *DB) Exec(sql string, values ...any) *DB
func (s *DB) LogMode(enable bool) *DB
func (s *DB) Close() error
`,
  },
];
