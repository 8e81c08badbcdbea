package config

import (
	"fmt"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/viper"
)

type Config struct{ Name string }

// The callback decodes into variables it captured: the caller's config changes under it.
func NewConfig(path string) (*Config, error) {
	var c Config
	v := viper.New()
	v.SetConfigFile(path)
	v.WatchConfig()
	v.OnConfigChange(func(e fsnotify.Event) { // want "config-reload-unvalidated"
		if err := v.Unmarshal(&c); err != nil {
			fmt.Println(err)
		}
	})
	return &c, v.Unmarshal(&c)
}

func UnmarshalYaml(fileName string, data interface{}) {
	v := viper.New()
	v.SetConfigFile(fileName)
	v.WatchConfig()
	v.OnConfigChange(func(e fsnotify.Event) { // want "config-reload-unvalidated"
		if err := v.Unmarshal(data); err != nil {
			panic(fmt.Sprintf("parse config: %v", err))
		}
	})
}
