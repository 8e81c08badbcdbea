package user

import (
	"context"
	"testing"

	"example.com/shop/internal/store"
)

func TestPasswordHash(t *testing.T) {
	if store.DB == nil {
		t.Skip("no database")
	}
	if _, err := PasswordHash(context.Background(), "a@example.com"); err != nil {
		t.Fatal(err)
	}
}
