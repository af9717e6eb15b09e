package protocol

import (
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"time"

	"github.com/cldsign/cldsign/wasm/cloudinary"
)

type action func(h *Handler, req fields) (Reply, *Error)

// actions maps each action name to its handler.
var actions = map[string]action{
	"destroy":             (*Handler).destroy,
	"sign":                (*Handler).sign,
	"hash":                (*Handler).hash,
	"parse_url":           (*Handler).parseURL,
	"sign_url":            (*Handler).signURL,
	"verify_notification": (*Handler).verifyNotification,
	"verify_response":     (*Handler).verifyResponse,
	"configure":           (*Handler).configure,
	"ping":                (*Handler).ping,
}

func actionNames() []string {
	names := make([]string, 0, len(actions))
	for name := range actions {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// credentials merges a request's credentials over the configured ones.
func (h *Handler) credentials(req fields) (cloudinary.Credentials, *Error) {
	c := h.creds
	if v, present, err := req.textOrInteger("api_key"); err != nil {
		return c, err
	} else if present {
		c.APIKey = v
	}
	if v, present, err := req.text("api_secret"); err != nil {
		return c, err
	} else if present {
		c.APISecret = v
	}
	if v, present, err := req.text("cloud_name"); err != nil {
		return c, err
	} else if present {
		c.CloudName = v
	}
	return c, nil
}

// secret is the credentials' secret, or a missing_field error.
func (h *Handler) secret(req fields) (cloudinary.Credentials, *Error) {
	c, err := h.credentials(req)
	if err == nil && c.APISecret == "" {
		err = missing("api_secret")
	}
	return c, err
}

// timestampOrNow is the request's timestamp, or the device clock's.
func (h *Handler) timestampOrNow(req fields, name string) (int64, []string, *Error) {
	t, present, err := req.timestamp(name)
	if err != nil {
		return 0, nil, err
	}
	now := h.Now()
	if !present {
		return now.Unix(), nil, nil
	}
	if d := time.Unix(t, 0).Sub(now); d > staleAfter || d < -staleAfter {
		return t, []string{staleWarning}, nil
	}
	return t, nil, nil
}

func withWarnings(r Reply, warnings []string) Reply {
	if len(warnings) > 0 {
		r["warnings"] = warnings
	}
	return r
}

func (h *Handler) destroy(req fields) (Reply, *Error) {
	creds, err := h.secret(req)
	if err != nil {
		return nil, err
	}
	opts, err := req.options()
	if err != nil {
		return nil, err
	}
	target := cloudinary.DestroyRequest{CloudName: creds.CloudName, APIKey: creds.APIKey}
	if rawURL, present, err := req.text("url"); err != nil {
		return nil, err
	} else if present {
		asset, perr := cloudinary.ParseURL(rawURL)
		if perr != nil {
			return nil, notCloudinaryURL(perr)
		}
		target.PublicID, target.ResourceType, target.Type = asset.PublicID, asset.ResourceType, asset.Type
		if asset.CloudName != "" && req["cloud_name"] == nil {
			target.CloudName = asset.CloudName
		}
	}
	if err := overrideText(req, "public_id", &target.PublicID); err != nil {
		return nil, err
	}
	if target.PublicID == "" {
		return nil, missing("public_id")
	}
	if err := overrideText(req, "resource_type", &target.ResourceType); err != nil {
		return nil, err
	}
	if err := overrideText(req, "type", &target.Type); err != nil {
		return nil, err
	}
	if target.ResourceType != "" && target.ResourceType != "image" && target.ResourceType != "video" && target.ResourceType != "raw" {
		return nil, invalid("resource_type", "must be image, video or raw")
	}
	if target.Invalidate, err = req.flag("invalidate"); err != nil {
		return nil, err
	}
	var warnings []string
	if target.Timestamp, warnings, err = h.timestampOrNow(req, "timestamp"); err != nil {
		return nil, err
	}
	call, cerr := cloudinary.Destroy(target, creds.APISecret, opts)
	if cerr != nil {
		return nil, &Error{Code: CodeInvalidField, Message: cerr.Error()}
	}
	return withWarnings(callReply(call, target.Timestamp), warnings), nil
}

// overrideText replaces *dst with the request's field when it is given.
func overrideText(req fields, name string, dst *string) *Error {
	v, present, err := req.text(name)
	if present {
		*dst = v
	}
	return err
}

func callReply(call cloudinary.APICall, timestamp int64) Reply {
	r := Reply{
		"signature":      call.Hex,
		"timestamp":      timestamp,
		"string_to_sign": call.StringToSign,
		"params":         call.Params,
		"method":         call.Method,
	}
	if call.Endpoint != "" {
		r["url"] = call.Endpoint
	}
	return r
}

func (h *Handler) sign(req fields) (Reply, *Error) {
	creds, err := h.secret(req)
	if err != nil {
		return nil, err
	}
	opts, err := req.options()
	if err != nil {
		return nil, err
	}
	given, ok := req["params"].(map[string]any)
	if req["params"] == nil {
		return nil, missing("params")
	}
	if !ok {
		return nil, invalid("params", "must be an object")
	}
	params := make(cloudinary.Params, len(given)+3)
	for key, value := range given {
		v, err := paramValue("params."+key, value)
		if err != nil {
			return nil, err
		}
		if v != nil {
			params[key] = v
		}
	}
	timestamp, warnings, err := h.timestampOrNow(fields(given), "timestamp")
	if err != nil {
		return nil, &Error{Code: err.Code, Field: "params." + err.Field, Message: "params." + err.Message}
	}
	params["timestamp"] = timestamp
	sig, serr := cloudinary.SignRequest(params, creds.APISecret, opts)
	if serr != nil {
		return nil, &Error{Code: CodeInvalidField, Field: "params", Message: serr.Error()}
	}
	params["signature"] = sig.Hex
	if creds.APIKey != "" {
		params["api_key"] = creds.APIKey
	}
	call := cloudinary.APICall{Signature: sig, Params: params, Method: "POST"}
	return withWarnings(callReply(call, timestamp), warnings), nil
}

// paramValue converts one decoded JSON value into a signable value: nil
// for null or "", which are left out of both the signature and the reply.
func paramValue(field string, value any) (any, *Error) {
	switch v := value.(type) {
	case nil:
		return nil, nil
	case string:
		if v == "" {
			return nil, nil
		}
		return v, nil
	case bool:
		return v, nil
	case json.Number:
		f, err := strconv.ParseFloat(string(v), 64)
		if err != nil {
			return nil, invalid(field, "is not a finite number")
		}
		return f, nil
	case []any:
		items := make([]any, len(v))
		for i, item := range v {
			if _, nested := item.([]any); nested {
				return nil, invalid(field, "may hold only strings, numbers and booleans")
			}
			converted, err := paramValue(field, item)
			if err != nil {
				return nil, err
			}
			items[i] = converted
		}
		return items, nil
	}
	return nil, invalid(field, "must be a string, number, boolean or array")
}

func (h *Handler) hash(req fields) (Reply, *Error) {
	text, ok := req["text"].(string)
	if req["text"] == nil {
		return nil, missing("text")
	}
	if !ok {
		return nil, invalid("text", "must be a string")
	}
	algorithm, err := req.algorithm("algorithm")
	if err != nil {
		return nil, err
	}
	return Reply{"hex": cloudinary.Hash(algorithm, text)}, nil
}

func (h *Handler) parseURL(req fields) (Reply, *Error) {
	raw, err := req.requiredText("url")
	if err != nil {
		return nil, err
	}
	a, perr := cloudinary.ParseURL(raw)
	if perr != nil {
		return nil, notCloudinaryURL(perr)
	}
	r := Reply{"resource_type": a.ResourceType, "type": a.Type, "public_id": a.PublicID}
	for name, value := range map[string]string{"cloud_name": a.CloudName, "version": a.Version, "format": a.Format, "transformation": a.Transformation} {
		if value != "" {
			r[name] = value
		}
	}
	return r, nil
}

func notCloudinaryURL(err error) *Error {
	msg := err.Error()
	if !errors.Is(err, cloudinary.ErrNotDeliveryURL) {
		msg = cloudinary.ErrNotDeliveryURL.Error() + ": " + msg
	}
	return &Error{Code: CodeNotCloudinaryURL, Field: "url", Message: msg}
}

func (h *Handler) signURL(req fields) (Reply, *Error) {
	creds, err := h.secret(req)
	if err != nil {
		return nil, err
	}
	algorithm, err := req.algorithm("signature_algorithm")
	if err != nil {
		return nil, err
	}
	long, err := req.flag("long")
	if err != nil {
		return nil, err
	}
	var asset cloudinary.Asset
	if raw, present, err := req.text("url"); err != nil {
		return nil, err
	} else if present {
		parsed, perr := cloudinary.ParseURL(raw)
		if perr != nil {
			return nil, notCloudinaryURL(perr)
		}
		asset = parsed
	} else {
		asset.CloudName = creds.CloudName
		if asset.CloudName == "" {
			return nil, missing("cloud_name")
		}
		for name, dst := range map[string]*string{"public_id": &asset.PublicID, "transformation": &asset.Transformation,
			"resource_type": &asset.ResourceType, "type": &asset.Type, "format": &asset.Format} {
			if err := overrideText(req, name, dst); err != nil {
				return nil, err
			}
		}
		if asset.PublicID == "" {
			return nil, missing("public_id")
		}
		version, _, verr := req.textOrInteger("version")
		if verr != nil {
			return nil, verr
		}
		asset.Version = version
	}
	signed, serr := cloudinary.SignURL(asset, creds.APISecret, algorithm, long)
	if serr != nil {
		return nil, invalid("public_id", "cannot be signed: "+serr.Error())
	}
	return Reply{"url": signed.URL, "signature": signed.Signature}, nil
}

func (h *Handler) verifyNotification(req fields) (Reply, *Error) {
	body, ok := req["body"].(string)
	if req["body"] == nil {
		return nil, missing("body")
	}
	if !ok {
		return nil, invalid("body", "must be the raw body text")
	}
	timestamp, present, err := req.timestamp("timestamp")
	if err == nil && !present {
		err = missing("timestamp")
	}
	if err != nil {
		return nil, err
	}
	signature, err := req.requiredText("signature")
	if err != nil {
		return nil, err
	}
	creds, err := h.secret(req)
	if err != nil {
		return nil, err
	}
	algorithm, err := req.algorithm("signature_algorithm")
	if err != nil {
		return nil, err
	}
	validFor, err := req.seconds("valid_for", 7200*time.Second)
	if err != nil {
		return nil, err
	}
	verdict := cloudinary.VerifyNotification(cloudinary.Notification{Body: body, Timestamp: timestamp, Signature: signature},
		creds.APISecret, algorithm, validFor, h.Now())
	r := Reply{"valid": verdict.Valid}
	if !verdict.Valid {
		r["reason"] = verdict.Reason
	}
	return r, nil
}

func (h *Handler) verifyResponse(req fields) (Reply, *Error) {
	publicID, err := req.requiredText("public_id")
	if err != nil {
		return nil, err
	}
	version, present, err := req.textOrInteger("version")
	if err == nil && !present {
		err = missing("version")
	}
	if err != nil {
		return nil, err
	}
	signature, err := req.requiredText("signature")
	if err != nil {
		return nil, err
	}
	creds, err := h.secret(req)
	if err != nil {
		return nil, err
	}
	algorithm, err := req.algorithm("signature_algorithm")
	if err != nil {
		return nil, err
	}
	return Reply{"valid": cloudinary.VerifyResponse(publicID, version, signature, creds.APISecret, algorithm)}, nil
}

func (h *Handler) configure(req fields) (Reply, *Error) {
	creds, err := h.credentials(req)
	if err != nil {
		return nil, err
	}
	if raw, present, err := req.text("cloudinary_url"); err != nil {
		return nil, err
	} else if present {
		parsed, perr := cloudinary.ParseCloudinaryURL(raw)
		if perr != nil {
			return nil, invalid("cloudinary_url", "must look like cloudinary://API_KEY:API_SECRET@CLOUD_NAME")
		}
		creds = parsed
	}
	if req["api_key"] == nil && req["api_secret"] == nil && req["cloud_name"] == nil && req["cloudinary_url"] == nil {
		return nil, &Error{Code: CodeMissingField, Field: "cloudinary_url",
			Message: "configure needs api_key, api_secret, cloud_name or cloudinary_url"}
	}
	h.creds = creds
	r := Reply{}
	if creds.APIKey != "" {
		r["api_key"] = creds.APIKey
	}
	if creds.CloudName != "" {
		r["cloud_name"] = creds.CloudName
	}
	return r, nil
}

func (h *Handler) ping(fields) (Reply, *Error) {
	return Reply{"version": Version, "ready": true}, nil
}
