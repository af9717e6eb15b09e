package cloudinary

import (
	"errors"
	"testing"
)

func TestParseURL(t *testing.T) {
	shared := func(a Asset) Asset {
		if a.Host == "" {
			a.Host = "res.cloudinary.com"
		}
		return a
	}
	tests := []struct {
		url  string
		want Asset
	}{
		// The SDKs' URL-building tests, read backwards (cloud test123).
		{"https://res.cloudinary.com/test123/image/upload/test", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", PublicID: "test"})},
		{"http://res.cloudinary.com/test321/image/upload/test", shared(Asset{CloudName: "test321", ResourceType: "image", Type: "upload", PublicID: "test"})},
		{"https://res.cloudinary.com/test123/image/upload/test.jpg", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", PublicID: "test", Format: "jpg"})},
		{"https://test123-res.cloudinary.com/image/upload/test", Asset{Host: "test123-res.cloudinary.com", CloudName: "test123", ResourceType: "image", Type: "upload", PublicID: "test"}},
		{"https://something.cloudfront.net/image/upload/test", Asset{Host: "something.cloudfront.net", ResourceType: "image", Type: "upload", PublicID: "test"}},
		{"https://something.else.com/test123/image/upload/test", Asset{Host: "something.else.com", CloudName: "test123", ResourceType: "image", Type: "upload", PublicID: "test"}},
		{"https://res.cloudinary.com/test123/image/upload/c_crop,h_100,w_100/test", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", Transformation: "c_crop,h_100,w_100", PublicID: "test"})},
		{"https://res.cloudinary.com/test123/image/upload/g_center,o_20,p_a,q_0.4,r_3,x_1,y_2/test", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", Transformation: "g_center,o_20,p_a,q_0.4,r_3,x_1,y_2", PublicID: "test"})},
		{"https://res.cloudinary.com/test123/image/upload/t_blip.blop/test", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", Transformation: "t_blip.blop", PublicID: "test"})},
		{"https://res.cloudinary.com/test123/image/upload/c_fill,w_200,x_100,y_100/r_10/c_crop,w_100/test", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", Transformation: "c_fill,w_200,x_100,y_100/r_10/c_crop,w_100", PublicID: "test"})},
		{"https://res.cloudinary.com/test123/image/facebook/test", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "facebook", PublicID: "test"})},
		{"https://res.cloudinary.com/test123/raw/upload/test", shared(Asset{CloudName: "test123", ResourceType: "raw", Type: "upload", PublicID: "test"})},
		{"https://res.cloudinary.com/test123/image/fetch/https://example.com/", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "fetch", PublicID: "https://example.com/"})},
		{"https://res.cloudinary.com/test123/image/fetch/https://blah.com/hello%3Fa%3Db", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "fetch", PublicID: "https://blah.com/hello?a=b"})},
		{"https://res.cloudinary.com/test123/image/youtube/https://www.youtube.com/watch%3Fv%3Dd9NF2edxy-M", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "youtube", PublicID: "https://www.youtube.com/watch?v=d9NF2edxy-M"})},
		{"https://res.cloudinary.com/test123/image/fetch/f_jpg/https://cloudinary.com/images/logo.png", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "fetch", Transformation: "f_jpg", PublicID: "https://cloudinary.com/images/logo.png"})},
		{"https://res.cloudinary.com/test123/image/upload/b_rgb:112233/test", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", Transformation: "b_rgb:112233", PublicID: "test"})},
		{"https://res.cloudinary.com/test123/image/upload/e_sepia:10/test", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", Transformation: "e_sepia:10", PublicID: "test"})},
		{"https://res.cloudinary.com/test123/image/upload/h_100,l_text:hello,w_100/test", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", Transformation: "h_100,l_text:hello,w_100", PublicID: "test"})},
		{"https://res.cloudinary.com/test123/image/upload/v1/folder/test", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", Version: "1", PublicID: "folder/test"})},
		{"https://res.cloudinary.com/test123/image/upload/v123/folder/test", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", Version: "123", PublicID: "folder/test"})},
		{"https://res.cloudinary.com/test123/image/upload/v1234/test", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", Version: "1234", PublicID: "test"})},
		{"https://res.cloudinary.com/test123/iu/test", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", PublicID: "test"})},
		{"https://res.cloudinary.com/test123/image/upload/a%20b", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", PublicID: "a b"})},
		{"https://res.cloudinary.com/test123/image/upload/a%2Bb", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", PublicID: "a+b"})},
		{"https://res.cloudinary.com/test123/image/upload/a%3F%3Fb", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", PublicID: "a??b"})},
		{"https://res.cloudinary.com/test123/image/upload/s--Ai4Znfl3--/c_crop,h_20,w_10/v1234/image.jpg", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", Signature: "s--Ai4Znfl3--", Transformation: "c_crop,h_20,w_10", Version: "1234", PublicID: "image", Format: "jpg"})},
		{"https://res.cloudinary.com/test123/image/upload/s----SjmNDA--/v1234/image.jpg", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", Signature: "s----SjmNDA--", Version: "1234", PublicID: "image", Format: "jpg"})},
		{"https://res.cloudinary.com/test123/image/upload/s--2hbrSMPOjj5BJ4xV7SgFbRDevFaQNUFf--/sample.jpg", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", Signature: "s--2hbrSMPOjj5BJ4xV7SgFbRDevFaQNUFf--", PublicID: "sample", Format: "jpg"})},
		{"https://res.cloudinary.com/test123/raw/private/v123456/document.docx", shared(Asset{CloudName: "test123", ResourceType: "raw", Type: "private", Version: "123456", PublicID: "document.docx"})},
		{"https://res.cloudinary.com/test123/image/private/c_scale,w_1.0/v123456/img.jpg", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "private", Transformation: "c_scale,w_1.0", Version: "123456", PublicID: "img", Format: "jpg"})},
		{"https://res.cloudinary.com/test123/image/upload/c_crop,h_100,w_100/c_limit,w_auto/test", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", Transformation: "c_crop,h_100,w_100/c_limit,w_auto", PublicID: "test"})},
		{"https://res.cloudinary.com/test123/image/upload/$aheight_300,$mywidth_100/c_scale,h_3_mul_ih_add_$aheight/sample", shared(Asset{CloudName: "test123", ResourceType: "image", Type: "upload", Transformation: "$aheight_300,$mywidth_100/c_scale,h_3_mul_ih_add_$aheight", PublicID: "sample"})},
		{"https://res.cloudinary.com/test123/video/upload/sp_full_hd/v1533125278/dog.mp4", shared(Asset{CloudName: "test123", ResourceType: "video", Type: "upload", Transformation: "sp_full_hd", Version: "1533125278", PublicID: "dog", Format: "mp4"})},
		// Everyday URLs.
		{"https://res.cloudinary.com/demo/image/upload/v1315060510/cat.jpg", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", Version: "1315060510", PublicID: "cat", Format: "jpg"})},
		{"//res.cloudinary.com/demo/image/upload/cat.jpg", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", PublicID: "cat", Format: "jpg"})},
		{"HTTPS://RES.CLOUDINARY.COM/demo/image/upload/cat.jpg", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", PublicID: "cat", Format: "jpg"})},
		{"  https://res.cloudinary.com/demo/image/upload/cat.jpg \n", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", PublicID: "cat", Format: "jpg"})},
		{"https://res.cloudinary.com/demo/image/upload/v1/a/b/c/cat.tar.gz", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", Version: "1", PublicID: "a/b/c/cat.tar", Format: "gz"})},
		{"https://res.cloudinary.com/demo/image/upload/a/b/cat", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", PublicID: "a/b/cat"})},
		{"https://res.cloudinary.com/demo/image/upload/w_100/folder/cat.png", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", Transformation: "w_100", PublicID: "folder/cat", Format: "png"})},
		{"https://res.cloudinary.com/demo/image/upload/w_100/v2/w_100/cat.png", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", Transformation: "w_100", Version: "2", PublicID: "w_100/cat", Format: "png"})},
		{"https://res.cloudinary.com/demo/image/upload/v1/cat.jpg?_a=BAMAGSa20", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", Version: "1", PublicID: "cat", Format: "jpg"})},
		{"https://res.cloudinary.com/demo/image/upload/cat.jpg#top", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", PublicID: "cat", Format: "jpg"})},
		{"https://res.cloudinary.com/demo/image/authenticated/s--abcdEFGH--/v3/secret/cat.jpg", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "authenticated", Signature: "s--abcdEFGH--", Version: "3", PublicID: "secret/cat", Format: "jpg"})},
		{"https://res.cloudinary.com/demo/raw/upload/v1/files/report.final.pdf", shared(Asset{CloudName: "demo", ResourceType: "raw", Type: "upload", Version: "1", PublicID: "files/report.final.pdf"})},
		{"https://res.cloudinary.com/demo/image/upload/caf%C3%A9%20cr%C3%A8me.jpg", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", PublicID: "café crème", Format: "jpg"})},
		{"https://res-3.cloudinary.com/demo/image/upload/cat", Asset{Host: "res-3.cloudinary.com", CloudName: "demo", ResourceType: "image", Type: "upload", PublicID: "cat"}},
		{"https://demo-res-2.cloudinary.com/video/upload/dog.mp4", Asset{Host: "demo-res-2.cloudinary.com", CloudName: "demo", ResourceType: "video", Type: "upload", PublicID: "dog", Format: "mp4"}},
		{"https://images.example.com/image/upload/v5/cat.webp", Asset{Host: "images.example.com", ResourceType: "image", Type: "upload", Version: "5", PublicID: "cat", Format: "webp"}},
		{"https://res.cloudinary.com/demo/image/upload/t_thumb/if_w_gt_100,w_100/cat.jpg", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", Transformation: "t_thumb/if_w_gt_100,w_100", PublicID: "cat", Format: "jpg"})},
		{"https://res.cloudinary.com/demo/image/upload/v123", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", PublicID: "v123"})},
		{"https://res.cloudinary.com/demo/image/upload/my_folder/cat", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", PublicID: "my_folder/cat"})},
		{"https://res.cloudinary.com/demo/image/upload/.hidden", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", PublicID: ".hidden"})},
		{"https://res.cloudinary.com/demo/image/upload/cat.", shared(Asset{CloudName: "demo", ResourceType: "image", Type: "upload", PublicID: "cat."})},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			got, err := ParseURL(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			again, err := ParseURL(got.URL())
			if err != nil || again != got {
				t.Errorf("rebuilt %s parses to %+v, %v", got.URL(), again, err)
			}
		})
	}
}

func TestParseURLRejects(t *testing.T) {
	for _, raw := range []string{
		"",
		"cat.jpg",
		"ftp://res.cloudinary.com/demo/image/upload/cat.jpg",
		"https://api.cloudinary.com/v1_1/demo/image/destroy",
		"https://cloudinary.com/documentation",
		"https://console.cloudinary.com/console",
		"https://example.com/",
		"https://example.com/photos/cat.jpg",
		"https://res.cloudinary.com/demo",
		"https://res.cloudinary.com/demo/image",
		"https://res.cloudinary.com//image/upload/cat.jpg",
		"https://res.cloudinary.com/demo/picture/upload/cat.jpg",
		"https://res.cloudinary.com/demo/image/Upload!/cat.jpg",
		"https://res.cloudinary.com/demo/image/upload/",
		"https://res.cloudinary.com/demo/image/upload/cat%zz.jpg",
		"https://user:pass@res.cloudinary.com/demo/image/upload/cat.jpg",
		"https:///demo/image/upload/cat.jpg",
	} {
		_, err := ParseURL(raw)
		if !errors.Is(err, ErrNotDeliveryURL) {
			t.Errorf("ParseURL(%q) error = %v, want ErrNotDeliveryURL", raw, err)
		}
	}
}

// TestParseURLRefusesIDsThatAreNotUTF8 guards what is posted against what
// is signed: …/caf%E9.jpg once decoded to the bytes "caf\xE9", signed
// raw, while the host received "caf\uFFFD" and posted that.
func TestParseURLRefusesIDsThatAreNotUTF8(t *testing.T) {
	for _, raw := range []string{
		"https://res.cloudinary.com/demo/image/upload/v1/caf%E9.jpg",
		"https://res.cloudinary.com/demo/image/upload/%ED%A0%80",
		"https://res.cloudinary.com/demo/raw/upload/a%C3",
	} {
		if _, err := ParseURL(raw); !errors.Is(err, ErrPublicIDNotUTF8) {
			t.Errorf("ParseURL(%q) error = %v, want ErrPublicIDNotUTF8", raw, err)
		}
	}
}

func TestAssetURLEscapesAmbiguousFolders(t *testing.T) {
	a := Asset{CloudName: "demo", ResourceType: "image", Type: "upload", PublicID: "v1/w_100/cat", Format: "jpg"}
	got := a.URL()
	if want := "https://res.cloudinary.com/demo/image/upload/%761/w_100/cat.jpg"; got != want {
		t.Errorf("URL() = %s, want %s", got, want)
	}
	if back, err := ParseURL(got); err != nil || back.PublicID != a.PublicID || back.Version != "" {
		t.Errorf("parsed back to %+v, %v", back, err)
	}
}
