// Package coupon only mentions the user package's exported error, which is no pool.
package coupon

import "example.com/shop/internal/user"

// Why explains a failed redemption.
var Why = user.ErrUnknown
