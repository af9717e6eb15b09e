package cloudinary

import "testing"

func BenchmarkSignRequest(b *testing.B) {
	params := Params{"public_id": "folder/cat", "timestamp": int64(1315060510), "tags": []any{"a", "b"},
		"notification_url": "https://example.com/hook?a=1&b=2", "api_key": "1234"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SignRequest(params, "abcd", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDestroy(b *testing.B) {
	req := DestroyRequest{PublicID: "cat", Timestamp: 1315060510, APIKey: "1234", CloudName: "demo"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Destroy(req, "abcd", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseURL(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseURL("https://res.cloudinary.com/demo/image/upload/s--abcdEFGH--/c_fill,w_200/v1315060510/pets/cat.jpg"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSignURL(b *testing.B) {
	a := Asset{CloudName: "demo", PublicID: "pets/cat", Format: "jpg", Transformation: "c_fill,w_200"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SignURL(a, "abcd", SHA1, false); err != nil {
			b.Fatal(err)
		}
	}
}
