package protocol

import (
	"errors"
	"time"

	"github.com/cldsign/cldsign/wasm/canon"
	"github.com/cldsign/cldsign/wasm/cloudinary"
)

// An action answers one request. It reads the request's fields in the
// order the README's table lists them, so that the first bad field is
// the one its error names, every time. When r.err is set, the action's
// result is ignored and the error is the reply; actions return nil then.
type action func(h *Handler, r *reader) Reply

// actions are the protocol's actions, in name order.
var actions = []struct {
	name   string
	handle action
}{
	{"configure", (*Handler).configure},
	{"destroy", (*Handler).destroy},
	{"hash", (*Handler).hash},
	{"parse_url", (*Handler).parseURL},
	{"ping", (*Handler).ping},
	{"sign", (*Handler).sign},
	{"sign_url", (*Handler).signURL},
	{"verify_notification", (*Handler).verifyNotification},
	{"verify_response", (*Handler).verifyResponse},
}

func findAction(name string) (action, bool) {
	for _, a := range actions {
		if a.name == name {
			return a.handle, true
		}
	}
	return nil, false
}

func actionNames() []string {
	names := make([]string, len(actions))
	for i, a := range actions {
		names[i] = a.name
	}
	return names
}

// credentials merges a request's credentials over the configured ones.
func (h *Handler) credentials(r *reader) cloudinary.Credentials {
	c := h.creds
	if v := r.textOrInteger("api_key"); v != "" {
		c.APIKey = v
	}
	if v := r.text("api_secret"); v != "" {
		c.APISecret = v
	}
	if v := r.text("cloud_name"); v != "" {
		c.CloudName = v
	}
	return c
}

// secret is the request's api_secret, or the configured one; one is
// required.
func (h *Handler) secret(r *reader) string {
	s := r.text("api_secret")
	if s == "" {
		s = h.creds.APISecret
	}
	if s == "" {
		r.fail(missing("api_secret"))
	}
	return s
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

// stamp is a timestamp read from a request, or the device clock's when
// none was given, with a warning when Cloudinary would find it stale.
func (h *Handler) stamp(t int64, present bool) (int64, []string) {
	now := h.Now()
	if !present {
		return now.Unix(), nil
	}
	if d := time.Unix(t, 0).Sub(now); d > staleAfter || d < -staleAfter {
		return t, []string{staleWarning}
	}
	return t, nil
}

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
		if r.fields[name] != nil {
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

// destroyParts are the destroy fields a delivery URL names.
var destroyParts = []string{"public_id", "resource_type", "type"}

func (h *Handler) destroy(r *reader) Reply {
	publicID := r.text("public_id")
	asset, fromURL := h.assetFromURL(r, destroyParts)
	if publicID == "" && !fromURL {
		r.fail(missing("public_id"))
	}
	secret := h.secret(r)
	target := cloudinary.DestroyRequest{PublicID: publicID, APIKey: h.apiKey(r), CloudName: h.cloudName(r)}
	target.ResourceType = r.text("resource_type")
	switch target.ResourceType {
	case "", "image", "video", "raw":
	default:
		r.fail(invalid("resource_type", "must be image, video or raw"))
	}
	target.Type = r.text("type")
	target.Invalidate = r.flag("invalidate")
	var warnings []string
	target.Timestamp, warnings = h.stamp(r.timestamp("timestamp"))
	opts := r.options()
	if r.err != nil {
		return nil
	}
	if fromURL {
		target.PublicID, target.ResourceType, target.Type = asset.PublicID, asset.ResourceType, asset.Type
		if asset.CloudName != "" {
			target.CloudName = asset.CloudName
		}
	}
	call, err := cloudinary.Destroy(target, secret, opts)
	if err != nil {
		r.fail(&Error{Code: CodeInvalidField, Message: err.Error()})
		return nil
	}
	return callReply(r, call, target.Timestamp, warnings)
}

// callReply is the reply to destroy or sign: the signature, the params to
// send, and the same params as a form body.
func callReply(r *reader, call cloudinary.APICall, timestamp int64, warnings []string) Reply {
	body, err := cloudinary.FormBody(call.Params)
	if err != nil { // the params were signed, so they also write
		r.fail(&Error{Code: CodeInternal, Message: "the params cannot be written as a form body"})
		return nil
	}
	reply := make(Reply, 13) // room for ok, action, id, url and warnings too
	reply["signature"] = call.Hex
	reply["timestamp"] = float64(timestamp)
	reply["string_to_sign"] = call.StringToSign
	reply["params"] = map[string]any(call.Params)
	reply["body"] = body
	if call.Method != "" {
		reply["method"] = call.Method
	}
	if call.Endpoint != "" {
		reply["url"] = call.Endpoint
	}
	if len(warnings) > 0 {
		list := make([]any, len(warnings))
		for i, w := range warnings {
			list[i] = w
		}
		reply["warnings"] = list
	}
	return reply
}

func (h *Handler) sign(r *reader) Reply {
	params, timestamp, warnings := h.signParams(r)
	secret := h.secret(r)
	apiKey := h.apiKey(r)
	opts := r.options()
	if r.err != nil {
		return nil
	}
	sig, err := cloudinary.SignRequest(params, secret, opts)
	if err != nil {
		r.fail(&Error{Code: CodeInvalidField, Field: "params", Message: err.Error()})
		return nil
	}
	params["signature"] = sig.Hex
	if apiKey != "" {
		params["api_key"] = apiKey
	}
	return callReply(r, cloudinary.APICall{Signature: sig, Params: params}, timestamp, warnings)
}

// signParams reads the params of a sign request, in key order, with the
// timestamp filled in and a warning for each name the SDKs order
// differently.
func (h *Handler) signParams(r *reader) (cloudinary.Params, int64, []string) {
	given, isObject := r.fields["params"].(map[string]any)
	switch {
	case r.fields["params"] == nil:
		r.fail(missing("params"))
	case !isObject:
		r.fail(invalid("params", "must be an object"))
	}
	params := make(cloudinary.Params, len(given)+3)
	var nameWarnings []string
	t, present := int64(0), false
	for _, key := range canon.SortedKeys(given) {
		if !isPlainName(key) {
			nameWarnings = append(nameWarnings, "the parameter name \""+key+"\" has characters outside a-z, 0-9 and _, "+
				"where the SDKs sort names differently; cldsign sorts them bytewise, as cloudinary-go does")
		}
		if key == "timestamp" {
			inner := &reader{fields: given}
			if t, present = inner.timestamp(key); inner.err != nil {
				r.fail(&Error{Code: inner.err.Code, Field: "params." + inner.err.Field, Message: "params." + inner.err.Message})
			}
			continue
		}
		// A value that writes as "" ([], [null]) is left out of params
		// as it is of the signature, like null and "".
		v := paramValue(r, "params."+key, given[key])
		if _, present, _ := cloudinary.FormatValue(v); present {
			params[key] = v
		}
	}
	timestamp, warnings := h.stamp(t, present)
	params["timestamp"] = timestamp
	return params, timestamp, append(warnings, nameWarnings...)
}

// isPlainName matches [a-z0-9_]+, the names on which every SDK's key
// order agrees: npm sorts with localeCompare, pycloudinary sorts the
// "key=value" strings, cloudinary-go sorts the keys bytewise.
func isPlainName(name string) bool {
	for i := 0; i < len(name); i++ {
		if c := name[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return name != ""
}

// paramValue converts one decoded JSON value into a signable value: nil
// for null or "", which are left out of both the signature and the reply.
func paramValue(r *reader, field string, value any) any {
	switch v := value.(type) {
	case nil:
		return nil
	case string:
		if v == "" {
			return nil
		}
		return v
	case bool:
		return v
	case float64: // JSON holds no NaN or infinity
		return v
	case []any:
		items := make([]any, len(v))
		for i, item := range v {
			if _, nested := item.([]any); nested {
				r.fail(invalid(field, "may hold only strings, numbers and booleans"))
				return nil
			}
			items[i] = paramValue(r, field, item)
		}
		return items
	}
	r.fail(invalid(field, "must be a string, number, boolean or array"))
	return nil
}

func (h *Handler) hash(r *reader) Reply {
	text := r.exactText("text", "must be a string")
	algorithm := r.algorithm("algorithm")
	return Reply{"hex": cloudinary.Hash(algorithm, text)}
}

func (h *Handler) parseURL(r *reader) Reply {
	r.requiredText("url")
	a, _ := parseDeliveryURL(r)
	if r.err != nil {
		return nil
	}
	reply := Reply{"resource_type": a.ResourceType, "type": a.Type, "public_id": a.PublicID}
	optional := []struct{ name, value string }{
		{"cloud_name", a.CloudName}, {"version", a.Version}, {"format", a.Format}, {"transformation", a.Transformation},
	}
	for _, part := range optional {
		if part.value != "" {
			reply[part.name] = part.value
		}
	}
	return reply
}

// signURLParts are the sign_url fields a delivery URL names.
var signURLParts = []string{"public_id", "transformation", "resource_type", "type", "version", "format"}

func (h *Handler) signURL(r *reader) Reply {
	publicID := r.text("public_id")
	asset, fromURL := h.assetFromURL(r, signURLParts)
	if publicID == "" && !fromURL {
		r.fail(missing("public_id"))
	}
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
		return nil
	}
	if !fromURL {
		asset = parts
	}
	signed, err := cloudinary.SignURL(asset, secret, algorithm, long)
	if err != nil {
		r.fail(invalid("public_id", "cannot be signed: "+err.Error()))
		return nil
	}
	return Reply{"url": signed.URL, "signature": signed.Signature}
}

func (h *Handler) verifyNotification(r *reader) Reply {
	n := cloudinary.Notification{
		Body:      r.exactText("body", "must be the raw body text"),
		Timestamp: r.requiredTimestamp("timestamp"),
		Signature: r.requiredText("signature"),
	}
	secret := h.secret(r)
	algorithm := r.algorithm("signature_algorithm")
	validFor := r.seconds("valid_for", 7200)
	if r.err != nil {
		return nil
	}
	verdict := cloudinary.VerifyNotification(n, secret, algorithm, validFor, h.Now().Unix())
	reply := Reply{"valid": verdict.Valid}
	if !verdict.Valid {
		reply["reason"] = verdict.Reason
	}
	return reply
}

func (h *Handler) verifyResponse(r *reader) Reply {
	publicID := r.requiredText("public_id")
	version := r.textOrInteger("version")
	if version == "" {
		r.fail(missing("version"))
	}
	signature := r.requiredText("signature")
	secret := h.secret(r)
	algorithm := r.algorithm("signature_algorithm")
	return Reply{"valid": cloudinary.VerifyResponse(publicID, version, signature, secret, algorithm)}
}

func (h *Handler) configure(r *reader) Reply {
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
		return nil
	}
	h.creds = creds
	reply := Reply{}
	if creds.APIKey != "" {
		reply["api_key"] = creds.APIKey
	}
	if creds.CloudName != "" {
		reply["cloud_name"] = creds.CloudName
	}
	return reply
}

func (h *Handler) ping(*reader) Reply {
	return Reply{"version": float64(Version), "ready": true}
}
