package importer

import (
	"bufio"
	"database/sql"
	"io"
	"log"
	"sync"
)

type Row struct {
	ID   int
	Body string
}

func process(r Row) { log.Println(r.ID) }

// One goroutine per row of a batch whose size the caller decides.
func ImportAll(rows []Row) {
	var wg sync.WaitGroup
	for _, r := range rows {
		wg.Add(1)
		go func(r Row) { // want "goroutine-unbounded"
			defer wg.Done()
			process(r)
		}(r)
	}
	wg.Wait()
}

// One goroutine per message on a channel: a burst starts a burst of goroutines.
func Consume(in <-chan Row) {
	for r := range in {
		go process(r) // want "goroutine-unbounded"
	}
}

// One goroutine per database row.
func Reindex(db *sql.DB) error {
	rows, err := db.Query("SELECT id, body FROM docs")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r Row
		if err := rows.Scan(&r.ID, &r.Body); err != nil {
			return err
		}
		go process(r) // want "goroutine-unbounded"
	}
	return rows.Err()
}

// One goroutine per input line, inside a nested loop.
func Lines(r io.Reader, retries int) {
	scanner := bufio.NewScanner(r)
	for scanner.Scan() {
		line := scanner.Text()
		for i := 0; i < retries; i++ {
			go process(Row{Body: line}) // want "goroutine-unbounded"
		}
	}
}

type Repo interface {
	Pending() ([]Row, error)
}

// The result of a query is as large as the table lets it be.
func Retry(repo Repo) error {
	pending, err := repo.Pending()
	if err != nil {
		return err
	}
	for _, r := range pending {
		go process(r) // want "goroutine-unbounded"
	}
	return nil
}

// A map of tenants grows with the business.
func Warm(tenants map[string]Row) {
	for _, t := range tenants {
		go process(t) // want "goroutine-unbounded"
	}
}
