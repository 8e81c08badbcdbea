package config

import (
	"database/sql"
	"testing"
)

func TestOpen(t *testing.T) {
	db, err := sql.Open("mysql", "root:root@tcp(localhost:3306)/test")
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}
