//go:build !js

package main

import (
	"log"
	"os"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func main() {
	route()
	err := app.GenerateStaticWebsite(os.Args[1], &app.Handler{
		Name:    "go-app floor",
		Icon:    app.Icon{Default: "/web/icon.svg"}, // not go-app's default, fetched from GitHub
		Scripts: []string{"/web/floor.js"},
	})
	if err != nil {
		log.Fatal(err)
	}
}
