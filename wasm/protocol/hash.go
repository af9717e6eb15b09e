package protocol

import (
	"github.com/cldsign/cldsign/wasm/cloudinary"
)

func (h *Handler) hash(r *reader) Reply {
	text := r.exactText("text", "must be a string")
	algorithm := r.algorithm("algorithm")
	var out Reply
	out.addText("hex", cloudinary.Hash(algorithm, text))
	return out
}
