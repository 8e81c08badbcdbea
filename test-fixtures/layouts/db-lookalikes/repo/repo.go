package repo

import (
	"database/sql"

	"example.com/shop/cache"
	"github.com/unknown/orm"
)

// Repo's db is a cache; Audit's db is the real pool, a field of the same name on another struct.
type Repo struct {
	db    *cache.Cache
	other cache.DB
	ext   *orm.Client
}

type Audit struct {
	db *sql.DB
}
