package main

import (
	"log"

	"github.com/gin-gonic/gin"

	"example.com/shop/orders/internal/orders"
)

func main() {
	r := gin.New() // want "trace-gin-no-middleware"
	r.Use(gin.Recovery(), gin.Logger())
	orders.Register(r)
	log.Fatal(r.Run(":8080"))
}
