package user

import (
	"context"
	"database/sql"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"
)

type Repo struct {
	db  *sql.DB
	xdb *sqlx.DB
}

type User struct {
	ID   int64
	Name string
}

func (r *Repo) Find(ctx context.Context, id int64) (*User, error) {
	var u User
	err := r.db.QueryRow("SELECT id, name FROM users WHERE id = ?", id).Scan(&u.ID, &u.Name) // want "db-no-context"
	if err != nil {
		return nil, err
	}
	return &u, nil
}

func (r *Repo) Rename(ctx context.Context, id int64, name string) error {
	tx, err := r.db.Begin() // want "db-no-context"
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE users SET name = ? WHERE id = ?", name, id); err != nil { // want "db-no-context"
		return err
	}
	return tx.Commit()
}

// Healthy reports whether the pool can reach the database.
func (r *Repo) Healthy(ctx context.Context) error {
	return r.db.Ping() // want "db-no-context"
}

func (r *Repo) List(ctx context.Context) ([]User, error) {
	var users []User
	err := r.xdb.Select(&users, "SELECT id, name FROM users") // want "db-no-context"
	return users, err
}

func Handle(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		stmt, err := db.Prepare("SELECT name FROM users WHERE id = ?") // want "db-no-context"
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer stmt.Close()
		rows, err := stmt.Query( // want "db-no-context"
			r.URL.Query().Get("id"),
		)
		if err != nil {
			return
		}
		rows.Close()
	}
}

func Count(c *gin.Context, db *sqlx.DB) {
	var n int
	if err := db.Get(&n, "SELECT COUNT(*) FROM users"); err != nil { // want "db-no-context"
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.JSON(http.StatusOK, n)
}
