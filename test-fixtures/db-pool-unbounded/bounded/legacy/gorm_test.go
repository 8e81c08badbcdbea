package legacy

import (
	"database/sql"
	"testing"
)

func TestMemory(t *testing.T) {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
}
