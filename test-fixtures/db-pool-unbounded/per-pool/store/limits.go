package store

import "time"

// Bound sets Primary's limits where the pool is configured, apart from where it is opened.
func Bound() {
	Primary.SetMaxOpenConns(20)
	Primary.SetConnMaxLifetime(30 * time.Minute)
}
