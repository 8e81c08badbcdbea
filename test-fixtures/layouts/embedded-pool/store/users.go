package store

type User struct {
	ID   int64
	Name string
}

func (s *Store) Users() ([]User, error) {
	var users []User
	err := s.Select(&users, `SELECT id, name FROM users`) // want "db-no-context"
	return users, err
}
