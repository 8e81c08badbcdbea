package user

import "context"

func (r *Repo) Count() (int, error) {
	var n int
	err := r.db.QueryRow(`SELECT count(*) FROM users`).Scan(&n) // want "db-no-context"
	return n, err
}

func (r *Repo) Name(ctx context.Context, id int64) (string, error) {
	var name string
	err := r.db.QueryRowContext(ctx, `SELECT name FROM users WHERE id = ?`, id).Scan(&name)
	return name, err
}
