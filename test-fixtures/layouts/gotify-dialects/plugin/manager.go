package plugin

import "example.com/notes/database"

type Manager struct{ db *database.GormDatabase }

func NewManager(db *database.GormDatabase) *Manager { return &Manager{db: db} }

func (m *Manager) Config(id int) string {
	var c string
	m.db.DB.Table("plugin_confs").Where("id = ?", id).Select("config").Scan(&c)
	return c
}
