package storage

import (
	"context"
	"database/sql"
)

type Storage struct{ db *sql.DB }

func NewStorage(db *sql.DB) *Storage { return &Storage{db} }

func (s *Storage) Entries(ctx context.Context, userID int64) (n int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT count(*) FROM entries WHERE user_id=$1`, userID).Scan(&n)
	return n, err
}

func (s *Storage) RefreshFeed(ctx context.Context, feedID int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE feeds SET checked_at=now() WHERE id=$1`, feedID)
	return err
}
