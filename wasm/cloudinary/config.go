package cloudinary

import (
	"errors"
	"net/url"
)

// Credentials identify a Cloudinary account.
type Credentials struct {
	APIKey    string
	APISecret string
	CloudName string
}

// ParseCloudinaryURL reads the CLOUDINARY_URL form,
// cloudinary://API_KEY:API_SECRET@CLOUD_NAME.
func ParseCloudinaryURL(raw string) (Credentials, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "cloudinary" {
		return Credentials{}, errors.New("a Cloudinary URL looks like cloudinary://API_KEY:API_SECRET@CLOUD_NAME")
	}
	secret, _ := u.User.Password()
	c := Credentials{APIKey: u.User.Username(), APISecret: secret, CloudName: u.Hostname()}
	if c.APIKey == "" || c.APISecret == "" || c.CloudName == "" {
		return Credentials{}, errors.New("a Cloudinary URL needs a key, a secret and a cloud name: cloudinary://API_KEY:API_SECRET@CLOUD_NAME")
	}
	return c, nil
}
