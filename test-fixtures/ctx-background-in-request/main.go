package main

import (
	"context"
	"database/sql"
	"log"
	"time"

	"github.com/gin-gonic/gin"
)

var db *sql.DB

// main owns the process: a root context here is where contexts come from.
func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		log.Fatal(err)
	}
	run := func(ctx context.Context) { _ = db.PingContext(context.Background()) }
	run(ctx)

	r := gin.New()
	// A handler registered in main is request code all the same.
	r.GET("/coupons/:id", func(c *gin.Context) {
		_, err := db.ExecContext(context.Background(), "UPDATE coupons SET used = 1 WHERE id = ?", c.Param("id")) // want "ctx-background-in-request"
		if err != nil {
			c.AbortWithStatus(500)
		}
	})
	_ = r.Run()
}
