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
		return nil // r.err is the reply
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
