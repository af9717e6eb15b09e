// Package cloudinary computes Cloudinary signatures exactly as the official
// SDKs do: API request signatures (SHA-1 or SHA-256, signature versions 1
// and 2), signed delivery URLs, webhook and API response verification, and
// the reading of delivery URLs back into their parts.
//
// Everything here is a pure function of its arguments: there is no clock, no
// configuration and no default timestamp. Callers choose those at the edge,
// so every result can be reproduced from its inputs alone.
package cloudinary
