package protocol

import (
	"time"

	"github.com/cldsign/cldsign/wasm/cloudinary"
)

// An action answers one request; r.err, when set, is the reply instead.
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

// signingCredentials are the credentials, which must include a secret.
func (h *Handler) signingCredentials(r *reader) cloudinary.Credentials {
	c := h.credentials(r)
	if c.APISecret == "" {
		r.fail(missing("api_secret"))
	}
	return c
}

// timestampOrNow is the request's timestamp, or the device clock's, with
// a warning when Cloudinary would find it stale.
func (h *Handler) timestampOrNow(r *reader, name string) (int64, []string) {
	t, present := r.timestamp(name)
	now := h.Now()
	if !present {
		return now.Unix(), nil
	}
	if d := time.Unix(t, 0).Sub(now); d > staleAfter || d < -staleAfter {
		return t, []string{staleWarning}
	}
	return t, nil
}

// deliveryURL reads and parses the url field; ok is false when absent.
func deliveryURL(r *reader) (asset cloudinary.Asset, ok bool) {
	raw := r.text("url")
	if raw == "" {
		return asset, false
	}
	asset, err := cloudinary.ParseURL(raw)
	if err != nil { // it says "not a Cloudinary delivery URL" and why
		r.fail(&Error{Code: CodeNotCloudinaryURL, Field: "url", Message: err.Error()})
		return asset, false
	}
	return asset, true
}

// override replaces *dst with the request's field when it is given.
func override(r *reader, name string, dst *string) {
	if v := r.text(name); v != "" {
		*dst = v
	}
}

func (h *Handler) destroy(r *reader) Reply {
	creds := h.signingCredentials(r)
	opts := r.options()
	target := cloudinary.DestroyRequest{CloudName: creds.CloudName, APIKey: creds.APIKey}
	if asset, ok := deliveryURL(r); ok {
		target.PublicID, target.ResourceType, target.Type = asset.PublicID, asset.ResourceType, asset.Type
		if asset.CloudName != "" && r.fields["cloud_name"] == nil {
			target.CloudName = asset.CloudName
		}
	}
	override(r, "public_id", &target.PublicID)
	override(r, "resource_type", &target.ResourceType)
	override(r, "type", &target.Type)
	if target.PublicID == "" {
		r.fail(missing("public_id"))
	}
	switch target.ResourceType {
	case "", "image", "video", "raw":
	default:
		r.fail(invalid("resource_type", "must be image, video or raw"))
	}
	target.Invalidate = r.flag("invalidate")
	var warnings []string
	target.Timestamp, warnings = h.timestampOrNow(r, "timestamp")
	if r.err != nil {
		return nil
	}
	call, err := cloudinary.Destroy(target, creds.APISecret, opts)
	if err != nil {
		r.fail(&Error{Code: CodeInvalidField, Message: err.Error()})
		return nil
	}
	return callReply(call, target.Timestamp, warnings)
}

func callReply(call cloudinary.APICall, timestamp int64, warnings []string) Reply {
	reply := make(Reply, 12) // room for ok, action, id, url and warnings too
	reply["signature"] = call.Hex
	reply["timestamp"] = float64(timestamp)
	reply["string_to_sign"] = call.StringToSign
	reply["params"] = map[string]any(call.Params)
	reply["method"] = call.Method
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
	creds := h.signingCredentials(r)
	opts := r.options()
	given, isObject := r.fields["params"].(map[string]any)
	switch {
	case r.fields["params"] == nil:
		r.fail(missing("params"))
	case !isObject:
		r.fail(invalid("params", "must be an object"))
	}
	params := make(cloudinary.Params, len(given)+3)
	for key, value := range given {
		if v := paramValue(r, "params."+key, value); v != nil {
			params[key] = v
		}
	}
	inner := &reader{fields: given}
	timestamp, warnings := h.timestampOrNow(inner, "timestamp")
	if inner.err != nil {
		r.fail(&Error{Code: inner.err.Code, Field: "params." + inner.err.Field, Message: "params." + inner.err.Message})
	}
	if r.err != nil {
		return nil
	}
	params["timestamp"] = timestamp
	sig, err := cloudinary.SignRequest(params, creds.APISecret, opts)
	if err != nil {
		r.fail(&Error{Code: CodeInvalidField, Field: "params", Message: err.Error()})
		return nil
	}
	params["signature"] = sig.Hex
	if creds.APIKey != "" {
		params["api_key"] = creds.APIKey
	}
	return callReply(cloudinary.APICall{Signature: sig, Params: params, Method: "POST"}, timestamp, warnings)
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
	a, ok := deliveryURL(r)
	if !ok {
		return nil
	}
	reply := Reply{"resource_type": a.ResourceType, "type": a.Type, "public_id": a.PublicID}
	for name, value := range map[string]string{"cloud_name": a.CloudName, "version": a.Version, "format": a.Format, "transformation": a.Transformation} {
		if value != "" {
			reply[name] = value
		}
	}
	return reply
}

func (h *Handler) signURL(r *reader) Reply {
	creds := h.signingCredentials(r)
	algorithm := r.algorithm("signature_algorithm")
	long := r.flag("long")
	asset, fromURL := deliveryURL(r)
	if !fromURL && r.err == nil {
		asset.CloudName = creds.CloudName
		for name, dst := range map[string]*string{"public_id": &asset.PublicID, "transformation": &asset.Transformation,
			"resource_type": &asset.ResourceType, "type": &asset.Type, "format": &asset.Format} {
			override(r, name, dst)
		}
		asset.Version = r.textOrInteger("version")
		if asset.PublicID == "" {
			r.fail(missing("public_id"))
		}
		if asset.CloudName == "" {
			r.fail(missing("cloud_name"))
		}
	}
	if r.err != nil {
		return nil
	}
	signed, err := cloudinary.SignURL(asset, creds.APISecret, algorithm, long)
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
	creds := h.signingCredentials(r)
	algorithm := r.algorithm("signature_algorithm")
	validFor := r.seconds("valid_for", 7200*time.Second)
	verdict := cloudinary.VerifyNotification(n, creds.APISecret, algorithm, validFor, h.Now())
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
	creds := h.signingCredentials(r)
	algorithm := r.algorithm("signature_algorithm")
	return Reply{"valid": cloudinary.VerifyResponse(publicID, version, signature, creds.APISecret, algorithm)}
}

func (h *Handler) configure(r *reader) Reply {
	if h.Anonymous {
		r.fail(&Error{Code: CodeBadRequest,
			Message: "configure needs a sender with an origin of its own; send the credentials with each request instead"})
		return nil
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
