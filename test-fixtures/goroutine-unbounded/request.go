package api

import (
	"encoding/json"
	"log"
	"net/http"
	"strconv"
	"sync"

	"github.com/gin-gonic/gin"
)

type Service struct{}

func (s *Service) refresh(id string) { log.Println("refresh", id) }

type bulkRequest struct {
	IDs []string `json:"ids"`
}

// The request body decides how many goroutines start.
func (s *Service) Bulk(w http.ResponseWriter, r *http.Request) {
	var req bulkRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var wg sync.WaitGroup
	for _, id := range req.IDs {
		wg.Add(1)
		go func(id string) { // want "goroutine-unbounded"
			defer wg.Done()
			s.refresh(id)
		}(id)
	}
	wg.Wait()
}

// So does the query string.
func (s *Service) Touch(w http.ResponseWriter, r *http.Request) {
	for _, id := range r.URL.Query()["id"] {
		go s.refresh(id) // want "goroutine-unbounded"
	}
}

// And a count read from a form value.
func (s *Service) Warm(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.FormValue("n"))
	if err != nil {
		return
	}
	for i := 0; i < n; i++ {
		go s.refresh(strconv.Itoa(i)) // want "goroutine-unbounded"
	}
}

type order struct {
	Items []struct {
		SKU string `json:"sku"`
	} `json:"items"`
}

// gin binds the body into a struct: its list is as long as the client makes it.
func (s *Service) Place(c *gin.Context) {
	var body order
	if err := c.ShouldBindJSON(&body); err != nil {
		return
	}
	for _, item := range body.Items {
		go s.refresh(item.SKU) // want "goroutine-unbounded"
	}
}

type User struct{ Email string }

func send(u User) { log.Println(u.Email) }

// A WaitGroup waits for every goroutine; it does not bound how many run at once.
func NotifyAll(users []User) {
	var wg sync.WaitGroup
	for i := 0; i < len(users); i++ {
		wg.Add(1)
		go func(u User) { // want "goroutine-unbounded"
			defer wg.Done()
			send(u)
		}(users[i])
	}
	wg.Wait()
}
