package global

import "gorm.io/gorm"

// DB is assigned at start-up and again on every reload: one pool, reported once.
var DB *gorm.DB // want "db-shared-pool"
