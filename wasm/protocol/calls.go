package protocol

import (
	"time"

	"github.com/cldsign/cldsign/wasm/canon"
	"github.com/cldsign/cldsign/wasm/cloudinary"
)

// destroyParts are the destroy fields a delivery URL names.
var destroyParts = []string{"public_id", "resource_type", "type"}

func (h *Handler) destroy(r *reader) Reply {
	publicID, asset, fromURL := h.publicIDOrURL(r, destroyParts)
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
		return Reply{} // r.err is the reply
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
		return Reply{} // r.err is the reply
	}
	return callReply(r, call, target.Timestamp, warnings)
}

// callReply is the reply to destroy or sign: the signature, the params to
// send, and the same params as a form body.
func callReply(r *reader, call cloudinary.APICall, timestamp int64, warnings []string) Reply {
	body, err := cloudinary.FormBody(call.Fields)
	if err != nil { // the params were signed, so they also write
		r.fail(&Error{Code: CodeInternal, Message: "the params cannot be written as a form body"})
		return Reply{} // r.err is the reply
	}
	out := Reply{members: make([]member, 0, 8)}
	out.addText("signature", call.Hex)
	out.add("timestamp", float64(timestamp))
	out.addText("string_to_sign", call.StringToSign)
	out.add("params", call.Fields)
	out.addText("body", body)
	if call.Method != "" {
		out.addText("method", call.Method)
	}
	if call.Endpoint != "" {
		out.addText("url", call.Endpoint)
	}
	if len(warnings) > 0 {
		out.add("warnings", warnings)
	}
	return out
}

func (h *Handler) sign(r *reader) Reply {
	fields, timestamp, warnings := h.signParams(r)
	secret := h.secret(r)
	apiKey := h.apiKey(r)
	opts := r.options()
	if r.err != nil {
		return Reply{} // r.err is the reply
	}
	call, err := cloudinary.SignCall(fields, apiKey, secret, opts)
	if err != nil {
		r.fail(&Error{Code: CodeInvalidField, Field: "params", Message: err.Error()})
		return Reply{} // r.err is the reply
	}
	return callReply(r, call, timestamp, warnings)
}

// signParams reads the params of a sign request as fields, in key order,
// with the timestamp filled in and a warning for each name the SDKs order
// differently.
func (h *Handler) signParams(r *reader) (cloudinary.Fields, int64, []string) {
	given, isObject := r.fields["params"].(map[string]any)
	switch {
	case r.fields["params"] == nil:
		r.fail(missing("params"))
	case !isObject:
		r.fail(invalid("params", "must be an object"))
	}
	fields := make(cloudinary.Fields, 0, len(given)+3) // and timestamp, signature, api_key
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
			fields = append(fields, cloudinary.Field{Name: key, Value: v})
		}
	}
	timestamp, warnings := h.stamp(t, present)
	return fields.With("timestamp", timestamp), timestamp, append(warnings, nameWarnings...)
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
