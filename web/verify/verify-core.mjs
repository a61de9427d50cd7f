// Offline verification of a Sonod Sheba QR credential, in the browser and in Node 20: the index of
// the verifier's core (core/*.mjs, one module per concern; no DOM). The JavaScript twin of
// chalicelib/domain/credentials.py and trustlists.py, giving the same statuses for the same inputs
// (tests/vectors/ checks that).
//
// QR text: "SS1:" + Base45(zlib(COSE_Sign1(ES256, protected {1: -7, 4: kid}, payload = CWT))).
// Trust and status lists: JSON {format, cose, content}; `cose` is a COSE Hash Envelope (RFC 9995)
// by the root key over SHA-256(content); `content` is base64 CBOR (see tests/vectors/README.md).
// Needs only WebCrypto (crypto.subtle), DecompressionStream, TextDecoder and BigInt; CBOR is
// cborg's (npm), served from node_modules.

export { base45Decode, base45Encode } from './core/base45.mjs';
export { base64Decode, fromHex, sha256, toHex } from './core/bytes.mjs';
export { cborDecode, cborEncode, Simple, Tagged } from './core/cbor.mjs';
export { claimsFromCwt, isReceipt, RECEIPT_TYPES, shownStatus } from './core/claims.mjs';
export { parseSign1, verifySign1 } from './core/cose.mjs';
export {
  checkCredential,
  decodeQr,
  payloadFromText,
  peekClaims,
  PREFIX,
  STATUSES,
  verifyCredential,
} from './core/credential.mjs';
export { FormatError, ListError } from './core/errors.mjs';
export { displayNumber, isValidNumber, normaliseNumber, NUMBER_ALPHABET } from './core/numbers.mjs';
export { bitIsSet, loadStatusList, STATUS_FORMAT } from './core/status-list.mjs';
export { KEYS_FORMAT, loadTrustList, TRUST_FORMAT } from './core/trust-list.mjs';
export {
  certificateSubject,
  ecdsaDerToRaw,
  importCertificateKey,
  importPointKey,
  issuedBy,
  parseCertificate,
} from './core/x509.mjs';
export { inflate } from './core/zlib.mjs';
