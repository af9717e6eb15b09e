// Package diagnose explains Cloudinary's "Invalid Signature" and "Stale
// request" errors: it reads the string Cloudinary signed out of the error
// text, sets it beside the string an app signed, and names the likely
// cause in words.
package diagnose

import (
	"crypto/subtle"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/cldsign/cldsign/wasm/cloudinary"
)

var (
	// The patterns compile when first used, not as the signing page starts,
	// where compiling them took about 25 ms.
	invalidPattern = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?s)Invalid Signature ([0-9a-fA-F]*)\.? *String to sign - '(.*)'`)
	})
	stalePattern = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`Stale request - reported time is ([^"]+?) which is more than 1 hour ago`)
	})
)

// Change says how one parameter differs between the two strings.
type Change int

const (
	Same Change = iota
	OnlyCloudinary
	OnlyApp
	Different
)

// Pair is one parameter of either string.
type Pair struct {
	Key        string
	Cloudinary string // the value Cloudinary signed, if it has the key
	App        string // the value the app signed, if it has the key
	Change     Change
}

// Report is what an error text tells.
type Report struct {
	Recognized       bool   // the text is one of Cloudinary's signature errors
	Stale            bool   // a "Stale request" error
	ReportedTime     string // the time a stale request carried
	CloudinaryString string // what Cloudinary signed
	SentSignature    string // the signature the request carried
	Pairs            []Pair // both strings' parameters, by key
	Causes           []string
}

// Explain reads errorText and compares it with appString, the string the
// app signed (it may be empty). With the secret it can also tell a wrong
// secret from a wrong algorithm.
func Explain(errorText, appString, secret string) Report {
	var r Report
	if m := stalePattern().FindStringSubmatch(errorText); m != nil {
		r.Recognized, r.Stale, r.ReportedTime = true, true, m[1]
		r.Causes = append(r.Causes, "The timestamp is more than an hour away from Cloudinary's clock ("+m[1]+"). "+
			"Sign with the current time, in seconds (not milliseconds), and check the device's clock and time zone.")
	}
	m := invalidPattern().FindStringSubmatch(errorText)
	if m == nil {
		if !r.Recognized {
			r.Causes = append(r.Causes, "This is not one of Cloudinary's signature errors: paste the whole error, from \"Invalid Signature\" to the closing quote.")
		}
		return r
	}
	r.Recognized = true
	r.SentSignature, r.CloudinaryString = strings.ToLower(m[1]), m[2]
	if appString != "" {
		r.Pairs = comparePairs(r.CloudinaryString, appString)
		r.Causes = append(r.Causes, pairCauses(r.Pairs, r.CloudinaryString, appString)...)
	}
	if secret != "" && r.SentSignature != "" && (appString == "" || appString == r.CloudinaryString) {
		r.Causes = append(r.Causes, signatureCause(r.CloudinaryString, r.SentSignature, secret))
	}
	if len(r.Causes) == 0 {
		r.Causes = append(r.Causes, "Enter what your app signed, and the API secret, to find the cause.")
	}
	return r
}

func splitPairs(s string) map[string]string {
	pairs := map[string]string{}
	for _, pair := range strings.Split(s, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		pairs[k] = v
	}
	return pairs
}

func comparePairs(cloudinaryString, appString string) []Pair {
	theirs, ours := splitPairs(cloudinaryString), splitPairs(appString)
	keys := map[string]bool{}
	for k := range theirs {
		keys[k] = true
	}
	for k := range ours {
		keys[k] = true
	}
	var pairs []Pair
	for k := range keys {
		c, inTheirs := theirs[k]
		a, inOurs := ours[k]
		p := Pair{Key: k, Cloudinary: c, App: a}
		switch {
		case !inOurs:
			p.Change = OnlyCloudinary
		case !inTheirs:
			p.Change = OnlyApp
		case c != a:
			p.Change = Different
		}
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].Key < pairs[j].Key })
	return pairs
}

func pairCauses(pairs []Pair, cloudinaryString, appString string) []string {
	if cloudinaryString == appString {
		return nil
	}
	if strings.ReplaceAll(cloudinaryString, "%26", "&") == strings.ReplaceAll(appString, "%26", "&") {
		if strings.Contains(cloudinaryString, "%26") {
			return []string{"Signature version: Cloudinary writes & inside a value as %26 (signature version 2); your app left it as & (version 1). Sign with version 2."}
		}
		return []string{"Signature version: your app wrote & inside a value as %26 (version 2) but Cloudinary expected version 1."}
	}
	var causes, missing, extra, changed []string
	for _, p := range pairs {
		switch p.Change {
		case OnlyCloudinary:
			missing = append(missing, p.Key)
		case OnlyApp:
			extra = append(extra, p.Key)
		case Different:
			changed = append(changed, p.Key)
		}
	}
	if len(missing) > 0 {
		causes = append(causes, "Missing parameter: Cloudinary signed "+strings.Join(missing, ", ")+", which your app did not sign. Every parameter you send must be signed, except file, cloud_name, resource_type and api_key.")
	}
	for _, k := range extra {
		if !cloudinary.IsSigned(k) {
			causes = append(causes, "Extra parameter: your app signed "+k+", which is never signed. Leave it out of the string to sign (send it, but do not sign it).")
		} else {
			causes = append(causes, "Extra parameter: your app signed "+k+", which the request did not carry (or sent empty). Sign only what you send.")
		}
	}
	if len(changed) > 0 {
		causes = append(causes, "Different value: "+strings.Join(changed, ", ")+" differs between what your app signed and what it sent. Sign exactly the values you send (same text, same encoding).")
	}
	if len(causes) == 0 {
		causes = append(causes, "The parameters are the same but in another order: sort them by name before joining.")
	}
	return causes
}

// signatureCause compares the sent signature with what the secret gives
// for Cloudinary's string, in both algorithms.
func signatureCause(cloudinaryString, sent, secret string) string {
	sha1 := cloudinary.Hash(cloudinary.SHA1, cloudinaryString+secret)
	sha256 := cloudinary.Hash(cloudinary.SHA256, cloudinaryString+secret)
	switch {
	case equal(sha1, sent):
		return "The signature is right for SHA-1 with this secret, so the account expects SHA-256: sign with signature_algorithm sha256 (or change the account's setting)."
	case equal(sha256, sent):
		return "The signature is right for SHA-256 with this secret, so the account expects SHA-1: sign with sha1."
	}
	return "Wrong secret: the string to sign is right, but this secret does not give the signature that was sent. Check that the app signs with the API secret of the same key (no spaces, the right environment)."
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
