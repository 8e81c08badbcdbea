module example.com/sms

go 1.22
