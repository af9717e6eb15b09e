module github.com/cldsign/cldsign

go 1.26.8

require (
	github.com/chromedp/cdproto v0.0.0-20250724212937-08a3db8b4327
	github.com/chromedp/chromedp v0.14.2
	github.com/gobwas/ws v1.4.0
	github.com/maxence-charriere/go-app/v9 v9.8.0
	github.com/norunners/vert v0.0.0-20221203075838-106a353d42dd
)

require (
	github.com/chromedp/sysutil v1.1.0 // indirect
	github.com/go-json-experiment/json v0.0.0-20250725192818-e39067aee2d2 // indirect
	github.com/gobwas/httphead v0.1.0 // indirect
	github.com/gobwas/pool v0.2.1 // indirect
	github.com/google/uuid v1.3.0 // indirect
	golang.org/x/sys v0.34.0 // indirect
)
