package store

import "database/sql"

// DB is the shop's one pool, opened and bounded at start-up.
var DB *sql.DB
