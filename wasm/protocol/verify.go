package protocol

import (
	"github.com/cldsign/cldsign/wasm/cloudinary"
)

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
		return Reply{} // r.err is the reply
	}
	verdict := cloudinary.VerifyNotification(n, secret, algorithm, validFor, h.Now().Unix())
	var out Reply
	out.add("valid", verdict.Valid)
	if !verdict.Valid {
		out.addText("reason", verdict.Reason)
	}
	return out
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
	var out Reply
	out.add("valid", cloudinary.VerifyResponse(publicID, version, signature, secret, algorithm))
	return out
}
