package site

import (
	"errors"
	"regexp"
	"sort"
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

// appStart is how go-app's app.js starts the page, and startLater how
// cldsign starts it: the service worker registers once the wasm runs, so
// that its downloads (the wasm again, among them) stay off the first render.
const (
	appStart   = "goappInitServiceWorker();\ngoappWatchForUpdate();\ngoappWatchForInstallable();\ngoappInitWebAssembly();\n"
	startLater = "goappWatchForUpdate();\ngoappWatchForInstallable();\ngoappInitWebAssembly().then(goappInitServiceWorker);\n"
)

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
		if !strings.Contains(s, appStart) {
			return nil, errors.New("app.js no longer starts as relocate expects: check go-app's app.js")
		}
		s = strings.Replace(s, appStart, startLater, 1)
	}
	s = strings.ReplaceAll(s, placeholderPrefix+"/", "./")
	s = strings.ReplaceAll(s, `"`+placeholderPrefix+`"`, `"./"`)
	if name == "index.html" {
		s = sortAttributes(s)
		for _, fix := range pageFixes {
			s = fix.pattern.ReplaceAllString(s, fix.with)
		}
		charset := `<meta charset="UTF-8">` + "\n"
		if !strings.Contains(s, charset) {
			return nil, errors.New("index.html has no charset to put the policy after")
		}
		s = strings.Replace(s, charset, charset+policyTag, 1)
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
