package platform

import dbsql "database/sql"

var primary *dbsql.DB

// Primary hands out the process's pool.
func Primary() *dbsql.DB { return primary }
