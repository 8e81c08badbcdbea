package importer

import "testing"

// Tests fan out over their own table.
func TestImport(t *testing.T) {
	cases := make([]Row, 100)
	for _, c := range cases {
		go process(c)
	}
}
