package cloudinary

import (
	"errors"
	"strings"
)

// Credentials identify a Cloudinary account.
type Credentials struct {
	APIKey    string
	APISecret string
	CloudName string
}

var errCloudinaryURL = errors.New("a Cloudinary URL looks like cloudinary://API_KEY:API_SECRET@CLOUD_NAME")

// ParseCloudinaryURL reads the CLOUDINARY_URL form,
// cloudinary://API_KEY:API_SECRET@CLOUD_NAME. Its errors never quote it.
func ParseCloudinaryURL(raw string) (Credentials, error) {
	rest, ok := strings.CutPrefix(raw, "cloudinary://")
	at := strings.LastIndexByte(rest, '@')
	if !ok || at < 0 {
		return Credentials{}, errCloudinaryURL
	}
	key, secret, _ := strings.Cut(rest[:at], ":")
	cloud := rest[at+1:]
	if end := strings.IndexAny(cloud, "/?#:"); end >= 0 {
		cloud = cloud[:end]
	}
	var err1, err2 error
	c := Credentials{CloudName: cloud}
	c.APIKey, err1 = percentDecode(key)
	c.APISecret, err2 = percentDecode(secret)
	if err1 != nil || err2 != nil || c.APIKey == "" || c.APISecret == "" || c.CloudName == "" {
		return Credentials{}, errCloudinaryURL
	}
	return c, nil
}
