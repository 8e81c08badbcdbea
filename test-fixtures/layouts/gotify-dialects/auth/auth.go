package auth

import "example.com/notes/database"

type Auth struct{ DB *database.GormDatabase }

func (a *Auth) Valid(token string) bool {
	var n int64
	a.DB.DB.Table("clients").Where("token = ?", token).Count(&n)
	return n > 0
}
