package site

import (
	"errors"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// placeholderPrefix is the base path the page is generated under, then
// rewritten away: go-app writes absolute paths, and a fork may be served
// at /, at /<any-name>/ or on its own domain.
const placeholderPrefix = "/cldsign-base-path"

// runtimeBase is JavaScript that computes the page's base path, without
// its trailing slash, from where the page was actually loaded.
const runtimeBase = `location.pathname.replace(/\/[^\/]*$/, "")`

// pageFixes, written for sorted attributes, correct go-app's page head: the
// og:url of the throwaway server it renders through, empty tags, and a
// viewport that forbids zooming.
var pageFixes = []struct {
	pattern *regexp.Regexp
	with    string
}{
	{regexp.MustCompile(`<meta content="[^"]*" property="og:url">\n?`), ""},
	{regexp.MustCompile(`<meta content (name|property)="[^"]*">\n?`), ""},
	{regexp.MustCompile(`<meta content="[^"]*" name="viewport">`), `<meta content="width=device-width, initial-scale=1, viewport-fit=cover" name="viewport">`},
}

// appJSFixes are what cldsign changes in go-app's app.js, each a piece of
// go-app's code and its replacement:
//   - the service worker registers once the wasm runs, so that its
//     downloads (the wasm again, among them) stay off the first render;
//   - the wasm is the one the page glue compiles as soon as it can, from the
//     one download the page's boot script started, not after every deferred
//     script has run; the Go program starts through the glue, which needs
//     its exports.
var appJSFixes = []struct{ goApp, cldsign string }{
	{"goappInitServiceWorker();\ngoappWatchForUpdate();\ngoappWatchForInstallable();\ngoappInitWebAssembly();\n",
		"goappWatchForUpdate();\ngoappWatchForInstallable();\ngoappInitWebAssembly().then(goappInitServiceWorker);\n"},
	{"const go = new Go();\n    const wasm = await instantiateStreaming(\n      fetchWithProgress(\"" + placeholderPrefix + "/web/app.wasm\", showProgress),\n      go.importObject\n    );\n\n    go.run(wasm.instance);",
		"const wasm = await cldsignPage.compiled;\n    cldsignPage.run(wasm.go, wasm.instance);"},
}

// indexFixes put cldsign's scripts into index.html: the policy and the
// boot script first, before the stylesheets that would hold an inline
// script back; wasm_exec.js and the page glue run as soon as they arrive,
// not after the whole page is parsed, so the wasm compiles sooner.
var indexFixes = []struct{ goApp, cldsign string }{
	{`<meta charset="UTF-8">` + "\n", `<meta charset="UTF-8">` + "\n" + policyTag + bootTag("./web/app.wasm", false)},
	{`<script defer src="./wasm_exec.js"></script>` + "\n" + `<script defer src="./app.js"></script>` + "\n" + `<script src="./web/cldsign.js"></script>`,
		`<script async src="./wasm_exec.js"></script>` + "\n" + `<script async src="./web/cldsign.js"></script>` + "\n" + `<script defer src="./app.js"></script>`},
}

// replaceEach applies fixes to a generated file, failing when go-app's
// output no longer has a piece a fix expects.
func replaceEach(name, s string, fixes []struct{ goApp, cldsign string }) (string, error) {
	for _, fix := range fixes {
		if !strings.Contains(s, fix.goApp) {
			return "", errors.New(name + " no longer has " + strconv.Quote(fix.goApp) + ": check go-app's output")
		}
		s = strings.Replace(s, fix.goApp, fix.cldsign, 1)
	}
	return s, nil
}

// relocate makes one generated file work under any base path: absolute
// paths under the placeholder become relative ones, and app.js computes
// go-app's root prefix when it runs.
//
// This rewrites go-app's output, so it depends on that output's shape; it
// fails when a piece it rewrites is missing, and the browser tests serve
// the bundle under a made-up prefix to catch the rest.
func relocate(name string, content []byte) ([]byte, error) {
	s := string(content)
	if name == "app.js" {
		for _, key := range []string{"GOAPP_ROOT_PREFIX", "GOAPP_STATIC_RESOURCES_URL"} {
			s = strings.ReplaceAll(s, `"`+key+`":"`+placeholderPrefix+`"`, `"`+key+`":`+runtimeBase)
		}
		var err error
		if s, err = replaceEach(name, s, appJSFixes); err != nil {
			return nil, err
		}
	}
	s = strings.ReplaceAll(s, placeholderPrefix+"/", "./")
	s = strings.ReplaceAll(s, `"`+placeholderPrefix+`"`, `"./"`)
	if name == "index.html" {
		s = sortAttributes(s)
		for _, fix := range pageFixes {
			s = fix.pattern.ReplaceAllString(s, fix.with)
		}
		var err error
		if s, err = replaceEach(name, s, indexFixes); err != nil {
			return nil, err
		}
	}
	if strings.Contains(s, placeholderPrefix) {
		return nil, errors.New(name + " still names the placeholder base path")
	}
	return []byte(s), nil
}

var (
	tagPattern       = regexp.MustCompile(`<([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9:-]*(?:="[^"]*")?)+)>`)
	attributePattern = regexp.MustCompile(`[a-z][a-z0-9:-]*(?:="[^"]*")?`)
)

// sortAttributes writes every tag's attributes in name order: go-app keeps
// them in a map, so without this two builds of one page differ.
func sortAttributes(page string) string {
	return tagPattern.ReplaceAllStringFunc(page, func(tag string) string {
		m := tagPattern.FindStringSubmatch(tag)
		attributes := attributePattern.FindAllString(m[2], -1)
		sort.Strings(attributes)
		return "<" + m[1] + " " + strings.Join(attributes, " ") + ">"
	})
}
