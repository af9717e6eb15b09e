package protocol

import (
	"errors"

	"github.com/cldsign/cldsign/wasm/cloudinary"
)

// parseDeliveryURL reads the url field; given is false when it is absent.
func parseDeliveryURL(r *reader) (asset cloudinary.Asset, given bool) {
	raw := r.text("url")
	if raw == "" {
		return asset, false
	}
	asset, err := cloudinary.ParseURL(raw)
	switch {
	case errors.Is(err, cloudinary.ErrNotDeliveryURL): // it says why
		r.fail(&Error{Code: CodeNotCloudinaryURL, Field: "url", Message: err.Error()})
	case err != nil:
		r.fail(invalid("url", "names a public id that is not UTF-8 text once percent-decoded, so it cannot be posted as it is signed"))
	}
	return asset, true
}

// assetFromURL reads the url field of an action that acts on the asset it
// names. The URL names the asset alone: a field for one of its parts
// (partFields) beside it is an error rather than a silent choice of one
// over the other. Its cloud must be the cloud_name given or configured,
// because the secret belongs to that cloud only.
func (h *Handler) assetFromURL(r *reader, partFields []string) (asset cloudinary.Asset, given bool) {
	asset, given = parseDeliveryURL(r)
	if !given || r.err != nil {
		return asset, given
	}
	for _, name := range partFields {
		if v := r.fields[name]; v != nil && v != "" { // absent, as the reader counts it
			r.fail(invalid("url", "names the asset already: give "+name+" without url, or url alone"))
			return asset, given
		}
	}
	cloud, _ := r.fields["cloud_name"].(string)
	if cloud == "" {
		cloud = h.creds.CloudName
	}
	if asset.CloudName != "" && cloud != "" && asset.CloudName != cloud {
		r.fail(invalid("url", "is on the cloud \""+asset.CloudName+"\", but the cloud_name given or configured is \""+cloud+
			"\": its secret would sign for another cloud"))
	}
	return asset, given
}

func (h *Handler) parseURL(r *reader) Reply {
	r.requiredText("url")
	a, _ := parseDeliveryURL(r)
	if r.err != nil {
		return Reply{} // r.err is the reply
	}
	out := Reply{members: make([]member, 0, 7)}
	parts := []struct{ name, value string }{
		{"resource_type", a.ResourceType}, {"type", a.Type}, {"public_id", a.PublicID},
		{"cloud_name", a.CloudName}, {"version", a.Version}, {"format", a.Format}, {"transformation", a.Transformation},
	}
	for _, part := range parts {
		// resource_type, type and public_id are never empty in a URL
		// that parsed; the others are left out when the URL lacks them.
		if part.value != "" {
			out.addText(part.name, part.value)
		}
	}
	return out
}

// publicIDOrURL reads the required pair public_id / url of an action on
// one asset: the public id as given, or the asset a url names.
func (h *Handler) publicIDOrURL(r *reader, partFields []string) (publicID string, asset cloudinary.Asset, fromURL bool) {
	publicID = r.text("public_id")
	asset, fromURL = h.assetFromURL(r, partFields)
	if publicID == "" && !fromURL {
		r.fail(missing("public_id"))
	}
	return publicID, asset, fromURL
}

// signURLParts are the sign_url fields a delivery URL names.
var signURLParts = []string{"public_id", "transformation", "resource_type", "type", "version", "format"}

func (h *Handler) signURL(r *reader) Reply {
	publicID, asset, fromURL := h.publicIDOrURL(r, signURLParts)
	cloud := h.cloudName(r)
	if cloud == "" && !fromURL {
		r.fail(missing("cloud_name"))
	}
	secret := h.secret(r)
	parts := cloudinary.Asset{CloudName: cloud, PublicID: cloudinary.DecodePublicID(publicID)}
	parts.Transformation = r.text("transformation")
	parts.ResourceType = r.text("resource_type")
	parts.Type = r.text("type")
	parts.Version = r.textOrInteger("version")
	parts.Format = r.text("format")
	algorithm := r.algorithm("signature_algorithm")
	long := r.flag("long")
	if r.err != nil {
		return Reply{} // r.err is the reply
	}
	if !fromURL {
		asset = parts
	}
	signed, err := cloudinary.SignURL(asset, secret, algorithm, long)
	if err != nil {
		r.fail(invalid("public_id", "cannot be signed: "+err.Error()))
		return Reply{} // r.err is the reply
	}
	var out Reply
	out.addText("url", signed.URL)
	out.addText("signature", signed.Signature)
	return out
}
