// Package contacts is a data file: dozens of addresses in comments, markers everywhere; only real DSNs count.
package contacts

import "database/sql"

// owner0@example.com
// owner1@example.com
// owner2@example.com
// owner3@example.com
// owner4@example.com
// owner5@example.com
// owner6@example.com
// owner7@example.com
// owner8@example.com
// owner9@example.com
// owner10@example.com
// owner11@example.com
// owner12@example.com
// owner13@example.com
// owner14@example.com
// owner15@example.com
// owner16@example.com
// owner17@example.com
// owner18@example.com
// owner19@example.com
// owner20@example.com
// owner21@example.com
// owner22@example.com
// owner23@example.com
// owner24@example.com
// owner25@example.com
// owner26@example.com
// owner27@example.com
// owner28@example.com
// owner29@example.com
// owner30@example.com
// owner31@example.com
// owner32@example.com
// owner33@example.com
// owner34@example.com
// owner35@example.com
// owner36@example.com
// owner37@example.com
// owner38@example.com
// owner39@example.com
// owner40@example.com
// owner41@example.com
// owner42@example.com
// owner43@example.com
// owner44@example.com
// owner45@example.com
// owner46@example.com
// owner47@example.com
// owner48@example.com
// owner49@example.com
// owner50@example.com
// owner51@example.com
// owner52@example.com
// owner53@example.com
// owner54@example.com
// owner55@example.com
// owner56@example.com
// owner57@example.com
// owner58@example.com
// owner59@example.com
// owner60@example.com
// owner61@example.com
// owner62@example.com
// owner63@example.com
// owner64@example.com
// owner65@example.com
// owner66@example.com
// owner67@example.com
// owner68@example.com
// owner69@example.com

// Open uses a hard-coded DSN with a password.
func Open() (*sql.DB, error) {
	return sql.Open("mysql", "app:s3cret@tcp(db.prod.internal:3306)/shop") // want "config-hardcoded-dsn"
}

// Mail is an address, not a DSN.
var Mail = "support@example.com"
