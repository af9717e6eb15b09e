package cloudinary

import (
	"reflect"
	"testing"
)

func TestFieldsKeepBytewiseOrder(t *testing.T) {
	fields := Params{"timestamp": 1, "b": "x", "B": "y", "a_b": true}.Fields()
	want := Fields{{"B", "y"}, {"a_b", true}, {"b", "x"}, {"timestamp", 1}}
	if !reflect.DeepEqual(fields, want) {
		t.Fatalf("Fields() = %v, want %v", fields, want)
	}
	fields = fields.With("0", "first").With("zz", "last").With("c", "middle").With("b", "replaced")
	want = Fields{{"0", "first"}, {"B", "y"}, {"a_b", true}, {"b", "replaced"}, {"c", "middle"}, {"timestamp", 1}, {"zz", "last"}}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("after With: %v, want %v", fields, want)
	}
}

// SignCall's fields are what a host sends: the given ones, with the
// signature and API key it adds in their places, replacing any the
// request held.
func TestSignCallAddsSignatureAndKey(t *testing.T) {
	call, err := SignCall(Params{"public_id": "sample_image", "timestamp": int64(1315060510), "signature": "forged", "api_key": "old"}.Fields(),
		"1234", "abcd", Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The support article's vector (TestSupportPageVector): signature and api_key are not signed.
	const hex = "b4ad47fb4e25c7bf5f92a20089f9db59bc302313"
	want := Fields{{"api_key", "1234"}, {"public_id", "sample_image"}, {"signature", hex}, {"timestamp", int64(1315060510)}}
	if call.Hex != hex || !reflect.DeepEqual(call.Fields, want) {
		t.Errorf("SignCall = %s, %v; want %s, %v", call.Hex, call.Fields, hex, want)
	}
}
