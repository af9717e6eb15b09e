// Package protocol implements cldsign's message protocol, version 1: it
// decodes one message from a host, dispatches its action to the signing
// core and encodes the reply. It knows nothing of browsers; the bridge
// package carries its replies to and from JavaScript.
//
// The three forms of message are a Thunkable return-value envelope, a JSON
// request (an object, or text that is a JSON object) and a legacy string,
// answered with its SHA-1 as the old sha.html page did.
package protocol
