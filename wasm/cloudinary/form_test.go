package cloudinary

import "testing"

// TestFormBodyEscapesAsURLSearchParams: each want is what
// new URLSearchParams([[key, value]]).toString() gives in Node 20, whose
// URLSearchParams follows the URL Standard's form serializer as browsers do.
func TestFormBodyEscapesAsURLSearchParams(t *testing.T) {
	tests := []struct {
		params Params
		want   string
	}{
		{Params{"public_id": "a b"}, "public_id=a+b"},
		{Params{"k": "*-._"}, "k=*-._"},
		{Params{"k": "~!'()"}, "k=%7E%21%27%28%29"},
		{Params{"k": "&=+%#?/:;,@$"}, "k=%26%3D%2B%25%23%3F%2F%3A%3B%2C%40%24"},
		{Params{"k": "é日本😀"}, "k=%C3%A9%E6%97%A5%E6%9C%AC%F0%9F%98%80"},
		{Params{"k": "\n\t\x00\x7f"}, "k=%0A%09%00%7F"},
		{Params{"k": "A-Z_a.z*0"}, "k=A-Z_a.z*0"},
		{Params{"k": "[]{}|\\^`\"<>"}, "k=%5B%5D%7B%7D%7C%5C%5E%60%22%3C%3E"},
		{Params{"k": "\uFFFDx"}, "k=%EF%BF%BDx"},
		{Params{"x&y": "1", "a b": "c"}, "a+b=c&x%26y=1"},
		// Arrays joined with commas, numbers as JavaScript prints them,
		// absent values left out, keys sorted.
		{Params{"tags": []any{"a", "b c", 3.0}, "timestamp": int64(1315060510), "n": 1e21, "f": false, "none": nil, "empty": ""},
			"f=false&n=1e%2B21&tags=a%2Cb+c%2C3&timestamp=1315060510"},
	}
	for _, tt := range tests {
		got, err := FormBody(tt.params.Fields())
		if err != nil || got != tt.want {
			t.Errorf("FormBody(%v) = %q, %v; want %q", tt.params, got, err, tt.want)
		}
	}
	if _, err := FormBody(Fields{{"k", map[string]any{}}}); err == nil {
		t.Error("an object was written")
	}
}
