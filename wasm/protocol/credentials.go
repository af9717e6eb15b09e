package protocol

import (
	"github.com/cldsign/cldsign/wasm/cloudinary"
)

// credentials merges a request's credentials over the configured ones,
// field by field, as the actions read them.
func (h *Handler) credentials(r *reader) cloudinary.Credentials {
	return cloudinary.Credentials{APIKey: h.apiKey(r), APISecret: h.anySecret(r), CloudName: h.cloudName(r)}
}

// secret is the request's api_secret, or the configured one; one is
// required.
func (h *Handler) secret(r *reader) string {
	s := h.anySecret(r)
	if s == "" {
		r.fail(missing("api_secret"))
	}
	return s
}

// anySecret is the request's api_secret, or the configured one, or "".
func (h *Handler) anySecret(r *reader) string {
	if s := r.text("api_secret"); s != "" {
		return s
	}
	return h.creds.APISecret
}

// apiKey is the request's api_key, or the configured one, or "".
func (h *Handler) apiKey(r *reader) string {
	if k := r.textOrInteger("api_key"); k != "" {
		return k
	}
	return h.creds.APIKey
}

// cloudName is the request's cloud_name, or the configured one, or "".
func (h *Handler) cloudName(r *reader) string {
	if c := r.text("cloud_name"); c != "" {
		return c
	}
	return h.creds.CloudName
}

func (h *Handler) configure(r *reader) Reply {
	if h.Anonymous {
		r.fail(&Error{Code: CodeBadRequest,
			Message: "configure needs a sender with an origin of its own; send the credentials with each request instead"})
		return Reply{} // r.err is the reply
	}
	creds := h.credentials(r)
	if raw := r.text("cloudinary_url"); raw != "" {
		parsed, err := cloudinary.ParseCloudinaryURL(raw)
		if err != nil {
			r.fail(invalid("cloudinary_url", "must look like cloudinary://API_KEY:API_SECRET@CLOUD_NAME"))
		}
		creds = parsed
	}
	if r.fields["api_key"] == nil && r.fields["api_secret"] == nil && r.fields["cloud_name"] == nil && r.fields["cloudinary_url"] == nil {
		r.fail(&Error{Code: CodeMissingField, Field: "cloudinary_url",
			Message: "configure needs api_key, api_secret, cloud_name or cloudinary_url"})
	}
	if r.err != nil {
		return Reply{} // r.err is the reply
	}
	h.creds = creds
	var out Reply
	if creds.APIKey != "" {
		out.addText("api_key", creds.APIKey)
	}
	if creds.CloudName != "" {
		out.addText("cloud_name", creds.CloudName)
	}
	return out
}
