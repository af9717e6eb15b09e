package protocol

// An action answers one request. It reads the request's fields in the
// order the README's table lists them, so that the first bad field is
// the one its error names, every time.
//
// The empty-reply convention: an action that fails records its error with
// r.fail and returns an empty Reply ("return Reply{} // r.err is the
// reply"); the error becomes the reply. Whenever r.err is set, whatever an
// action returned is ignored, so an action may also read on and return a
// reply it built before failing. An action's reply holds its own members:
// handleRequest puts ok, action and id in front of them.
//
// The actions live by family: credentials.go (the credential merging and
// configure), calls.go (destroy and sign, the signed API calls), urls.go
// (parse_url and sign_url), verify.go (the verify_ actions), hash.go.
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

func (h *Handler) ping(*reader) Reply {
	var out Reply
	out.add("version", float64(Version))
	out.add("ready", true)
	return out
}
