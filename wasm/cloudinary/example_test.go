package cloudinary_test

import (
	"fmt"

	"github.com/cldsign/cldsign/wasm/cloudinary"
)

func ExampleSignRequest() {
	sig, _ := cloudinary.SignRequest(cloudinary.Params{
		"public_id": "folder/file",
		"version":   "1234",
		"api_key":   "1234", // sent, never signed
	}, "b", cloudinary.Options{})
	fmt.Println(sig.StringToSign)
	fmt.Println(sig.Hex)
	// Output:
	// public_id=folder/file&version=1234
	// 7a3349cbb373e4812118d625047ede50b90e7b67
}

func ExampleDestroy() {
	call, _ := cloudinary.Destroy(cloudinary.DestroyRequest{
		PublicID:  "cat",
		Timestamp: 1315060510,
		APIKey:    "1234",
		CloudName: "demo",
	}, "abcd", cloudinary.Options{})
	fmt.Println(call.Method, call.Endpoint)
	fmt.Println(call.Hex)
	// Output:
	// POST https://api.cloudinary.com/v1_1/demo/image/destroy
	// fad1cc9acde35612302e6c1a58e426fdec8688ee
}

func ExampleParseURL() {
	a, _ := cloudinary.ParseURL("https://res.cloudinary.com/demo/image/upload/c_fill,w_200/v1315060510/pets/cat.jpg")
	fmt.Println(a.CloudName, a.ResourceType, a.Type, a.Transformation, a.Version, a.PublicID, a.Format)
	// Output: demo image upload c_fill,w_200 1315060510 pets/cat jpg
}

func ExampleSignURL() {
	signed, _ := cloudinary.SignURL(cloudinary.Asset{
		CloudName:      "test123",
		PublicID:       "image",
		Format:         "jpg",
		Version:        "1234",
		Transformation: "c_crop,h_20,w_10",
	}, "b", cloudinary.SHA1, false)
	fmt.Println(signed.URL)
	// Output: https://res.cloudinary.com/test123/image/upload/s--Ai4Znfl3--/c_crop,h_20,w_10/v1234/image.jpg
}

func ExampleVerifyNotification() {
	n := cloudinary.Notification{Body: "{}", Timestamp: 0,
		Signature: "d5497e1a206ad0ba29ad09a7c0c5f22e939682d15009c15ab3199f62fefbd14b"}
	verdict := cloudinary.VerifyNotification(n, "someApiSecret", cloudinary.SHA256, 100*365*24*3600, 1549533574)
	fmt.Println(verdict.Valid)
	// Output: true
}

func ExampleVerifyResponse() {
	fmt.Println(cloudinary.VerifyResponse("tests/logo.png", "1", "08d3107a5b2ad82e7d82c0b972218fbf20b5b1e0", "X7qLTrsES31MzxxkxPPA-pAGGfU", cloudinary.SHA1))
	// Output: true
}

func ExampleParseCloudinaryURL() {
	c, _ := cloudinary.ParseCloudinaryURL("cloudinary://1234:abcd@demo")
	fmt.Println(c.APIKey, c.CloudName)
	// Output: 1234 demo
}

func ExampleHash() {
	fmt.Println(cloudinary.Hash(cloudinary.SHA1, "public_id=cat&timestamp=1315060510abcd"))
	// Output: fad1cc9acde35612302e6c1a58e426fdec8688ee
}
