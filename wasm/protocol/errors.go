package protocol

// Error codes, as the README's protocol reference lists them.
const (
	CodeBadJSON          = "bad_json"
	CodeBadRequest       = "bad_request"
	CodeUnknownAction    = "unknown_action"
	CodeMissingField     = "missing_field"
	CodeInvalidField     = "invalid_field"
	CodeNotCloudinaryURL = "not_cloudinary_url"
	CodeInternal         = "internal"
)

// Error is a failed request. Its message quotes no value the caller sent
// but a cloud name, where two clouds disagree, so it can never carry the
// secret.
type Error struct {
	Code    string
	Field   string
	Message string
}

func (e *Error) Error() string { return e.Message }

// value is the error as it stands in a reply.
func (e *Error) value() map[string]any {
	v := map[string]any{"code": e.Code, "message": e.Message}
	if e.Field != "" {
		v["field"] = e.Field
	}
	return v
}

func missing(field string) *Error {
	return &Error{Code: CodeMissingField, Field: field, Message: field + " is required"}
}

func invalid(field, why string) *Error {
	return &Error{Code: CodeInvalidField, Field: field, Message: field + " " + why}
}
