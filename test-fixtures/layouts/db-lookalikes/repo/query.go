package repo

import "context"

func (r *Repo) Find(sql string) string {
	_ = r.other.QueryRow(`SELECT 1`)
	_ = r.ext.Query(`SELECT 2`)
	_ = r.db.Exec("k")
	// sql is a string parameter here, not the package.
	return r.db.Query(sql)
}

func (a *Audit) Log(ctx context.Context, msg string) error {
	_, err := a.db.ExecContext(ctx, `INSERT INTO audit (msg) VALUES (?)`, msg)
	return err
}
