package coupon

import (
	"database/sql"
	"testing"
)

func TestSeed(t *testing.T) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE coupons (code TEXT)"); err != nil {
		t.Fatal(err)
	}
}
