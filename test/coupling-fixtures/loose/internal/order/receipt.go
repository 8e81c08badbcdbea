package order

import (
	"fmt"

	"example.com/loose/internal/user"
)

// Receipt renders an order for a user: the one place order code reaches into the user domain.
func Receipt(o Order, u user.User) string {
	return fmt.Sprintf("%s: order %d, %s", u.Name, o.ID, formatAmount(o.Amount))
}

func formatAmount(cents int64) string {
	return fmt.Sprintf("%d.%02d", cents/100, cents%100)
}
