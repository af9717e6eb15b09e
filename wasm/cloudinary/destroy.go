package cloudinary

import "errors"

// DestroyRequest describes the deletion of one asset. An empty ResourceType
// or Type means Cloudinary's own defaults, image and upload. Timestamp is
// required: the caller decides what "now" is.
type DestroyRequest struct {
	PublicID     string
	ResourceType string
	Type         string
	Invalidate   bool
	Timestamp    int64
	CloudName    string
	APIKey       string
}

// APICall is a signed call ready to send: POST Params, as form fields, to
// Endpoint. Endpoint is empty when the cloud name is unknown.
type APICall struct {
	Signature
	Params   Params
	Endpoint string
	Method   string
}

// Destroy signs a destroy call. It signs public_id, timestamp, type when it
// is not upload, and invalidate only when true, as the SDKs do.
func Destroy(req DestroyRequest, secret string, opts Options) (APICall, error) {
	if req.PublicID == "" {
		return APICall{}, errors.New("public_id is required")
	}
	if req.Timestamp <= 0 {
		return APICall{}, errors.New("timestamp must be a positive number of seconds")
	}
	signed := Params{"public_id": req.PublicID, "timestamp": req.Timestamp}
	if req.Type != "" && req.Type != "upload" {
		signed["type"] = req.Type
	}
	if req.Invalidate {
		signed["invalidate"] = true
	}
	sig, err := SignPairs(signed, secret, opts)
	if err != nil {
		return APICall{}, err
	}
	signed["signature"] = sig.Hex
	if req.APIKey != "" {
		signed["api_key"] = req.APIKey
	}
	resourceType := req.ResourceType
	if resourceType == "" {
		resourceType = "image"
	}
	return APICall{
		Signature: sig,
		Params:    signed,
		Endpoint:  APIEndpoint(req.CloudName, resourceType, "destroy"),
		Method:    "POST",
	}, nil
}

// APIEndpoint is the URL of an Upload API action, or "" without a cloud name.
func APIEndpoint(cloudName, resourceType, action string) string {
	if cloudName == "" {
		return ""
	}
	return "https://api.cloudinary.com/v1_1/" + encodeURIComponent(cloudName, "") + "/" +
		encodeURIComponent(resourceType, "") + "/" + encodeURIComponent(action, "")
}
