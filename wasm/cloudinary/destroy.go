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

// APICall is a signed call ready to send: POST Fields, as form fields, to
// Endpoint. Endpoint is empty when the cloud name is unknown.
type APICall struct {
	Signature
	Fields   Fields
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
	signed := make(Fields, 0, 6) // at most: api_key, invalidate, public_id, signature, timestamp, type
	signed = append(signed, Field{"public_id", req.PublicID}, Field{"timestamp", req.Timestamp})
	if req.Type != "" && req.Type != "upload" {
		signed = signed.With("type", req.Type)
	}
	if req.Invalidate {
		signed = signed.With("invalidate", true)
	}
	call, err := SignCall(signed, req.APIKey, secret, opts)
	if err != nil {
		return APICall{}, err
	}
	resourceType := req.ResourceType
	if resourceType == "" {
		resourceType = "image"
	}
	call.Endpoint, call.Method = APIEndpoint(req.CloudName, resourceType, "destroy"), "POST"
	return call, nil
}

// APIEndpoint is the URL of an Upload API action, or "" without a cloud name.
func APIEndpoint(cloudName, resourceType, action string) string {
	if cloudName == "" {
		return ""
	}
	return "https://api.cloudinary.com/v1_1/" + encodeURIComponent(cloudName, "") + "/" +
		encodeURIComponent(resourceType, "") + "/" + encodeURIComponent(action, "")
}
