// The two failures the verifier tells apart: an unreadable credential, and a list that does not
// check out.

/** Text that is not a well-formed credential (or CBOR, Base45, DER...). */
export class FormatError extends Error {}
/** A trust or status list that is malformed, or whose signature or root does not check out. */
export class ListError extends Error {}
