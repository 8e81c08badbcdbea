package payment

import "example.com/shop/metrics"

func Charge(channel string, err error) {
	if err != nil {
		metrics.PaymentErrors.Inc()
	}
}
