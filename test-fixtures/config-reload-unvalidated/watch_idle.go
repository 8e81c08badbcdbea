package config

import (
	"log"

	"github.com/spf13/viper"
)

type Settings struct{ Port int }

var Global Settings

// Values are copied once next to WatchConfig: a reload changes nothing the service uses.
func InitConfig() {
	viper.SetConfigFile("config.yaml")
	if err := viper.ReadInConfig(); err != nil {
		log.Fatal(err)
	}
	Global.Port = viper.GetInt("port")
	viper.WatchConfig()
}
