// Package quoting puts connection strings next to the characters a text-level reading of literals could
// trip over: runes and comments holding quotes, escaped quotes, raw strings, escaped binary data.
package quoting

import "database/sql"

var quote, dsn = '"', "app:s3cret@tcp(db.prod.internal:3306)/shop" // want "config-hardcoded-dsn"

var escaped, url = "say \"hi\" @ noon", "postgres://report:hunter2@reporting.example.com/reports" // want "config-hardcoded-dsn"

var commented = /* a "quoted" aside */ "host=db.prod.internal password=p4ss dbname=shop" // want "config-hardcoded-dsn"

var raw = `mysql://migrate:m1grate@tcp(db.prod.internal:3306)/shop` // want "config-hardcoded-dsn"

// A DSN-looking line inside a multi-line raw string is documentation, not a connection string.
var usage = `Usage:
  app -dsn postgres://user:secret@db.prod.internal/shop
`

// Escaped binary data holds '@' and "://" without being a DSN.
var blob = "\x00\x40@\x01://\x02\"@\x03host=\x04"

// A rune holding a backtick, then a DSN on the same line.
var tick, legacy = '`', "pay:pay123@tcp(dev-db:3306)/payments" // want "config-hardcoded-dsn"

func Open() (*sql.DB, error) { return sql.Open("mysql", dsn) }
