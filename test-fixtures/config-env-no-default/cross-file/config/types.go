package config

// Types of the config struct, declared in another file.
type PortNumber int

type TLS struct {
	CertFile string `env:"TLS_CERT_FILE,required"`
	KeyFile  string `env:"TLS_KEY_FILE,required"`
}
