package inventory

import (
	"fmt"
	"log"
	"log/slog"
)

func Restock(skuID string) {
	if skuID == "" {
		log.Panicf("restock: empty sku %q", skuID) // want "log-unstructured"
	}
	slog.Info("restocking", "sku_id", skuID)
	fmt.Println(skuID)
}
