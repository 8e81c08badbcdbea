// Command shop serves the storefront API: accounts, orders, coupons, payments and live order tracking.
package main

import (
	"log"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.opentelemetry.io/otel"

	"example.com/shop/internal/config"
	"example.com/shop/internal/coupon"
	"example.com/shop/internal/order"
	"example.com/shop/internal/payment"
	"example.com/shop/internal/store"
	"example.com/shop/internal/tracking"
	"example.com/shop/internal/user"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		log.Fatalf("load config: %v", err)
	}
	config.Watch("config.yaml")

	db, err := store.Open(cfg.DSN)
	if err != nil {
		log.Fatalf("open database: %v", err)
	}
	db.SetMaxOpenConns(20)
	defer db.Close()

	tracer := otel.Tracer("shop")
	users := user.NewRepo(db)

	orders := order.NewService(db, tracer)

	coupons := coupon.NewService(db)

	payments := payment.NewClient(cfg.PaymentURL, cfg.PaymentTimeout)

	r := gin.New()
	r.Use(gin.Recovery())
	r.GET("/metrics", gin.WrapH(promhttp.Handler()))
	r.GET("/users/:id", user.NewHandler(users).Get)
	r.POST("/orders", order.NewHandler(orders, payments).Place)
	r.POST("/coupons/batches/:batch/redeem", coupon.NewHandler(coupons).RedeemBatch)
	r.POST("/payments/callback", payment.NewCallbackHandler(orders).Handle)
	r.GET("/orders/:id/live", tracking.NewHub(orders).Serve)

	orders.StartExpiry(time.Minute)

	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           r,
		ReadHeaderTimeout: 5 * time.Second,
	}
	log.Printf("listening on %s", cfg.Addr)
	log.Fatal(srv.ListenAndServe())
}
