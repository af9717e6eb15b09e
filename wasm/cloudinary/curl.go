package cloudinary

import (
	"strings"
)

// Curl writes call as a curl command line for a POSIX shell. Each field is
// sent with --data-urlencode, so values holding & or = arrive intact.
func Curl(call APICall) string {
	endpoint := call.Endpoint
	if endpoint == "" {
		endpoint = "https://api.cloudinary.com/v1_1/<cloud_name>/…"
	}
	var b strings.Builder
	b.WriteString("curl -X " + call.Method + " " + shellQuote(endpoint))
	for _, f := range call.Fields {
		value, present, err := FormatValue(f.Value)
		if err != nil || !present {
			continue
		}
		b.WriteString(" \\\n  --data-urlencode " + shellQuote(f.Name+"="+value))
	}
	return b.String()
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
