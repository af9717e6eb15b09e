// Command generate writes the pages of cldsign's bundle into a folder
// whose web/ already holds the wasm and the hand-written resources:
//
//	go run ./server/generate <folder>
//
// ./build.sh runs it. It is apart from the server so that the serving
// binary carries neither go-app nor the page generator.
package main

import (
	"fmt"
	"os"

	"github.com/cldsign/cldsign/server/site"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./server/generate <folder>")
		os.Exit(2)
	}
	if err := site.Generate(os.Args[1]); err != nil {
		fmt.Fprintf(os.Stderr, "generate: %v\n", err)
		os.Exit(1)
	}
}
