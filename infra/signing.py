"""IAM for the signing keys the app creates at run time (chalicelib/adapters/kms.py): the platform
root key on first use and one key per signatory, ECC_NIST_P256 SIGN_VERIFY, tagged office_id and
purpose plus app and stage, created with the default key policy (which delegates to IAM), signed with RAW messages.
A handover schedules the retired signatory's key for deletion (docs/decisions.md 29): allowed for
signatory keys only, never the root key, and only with the adapter's waiting period or longer, so an
operator can still cancel a deletion.

Keys do not exist when the stack is deployed, so they are scoped by what CreateKey is asked for
and by their tags afterwards (ABAC). tests/integration/test_infra.py checks these conditions against
the requests the adapter really sends.
"""

from __future__ import annotations

from chalicelib.adapters.kms import KEY_SPEC, RETIRED_KEY_DELETION_DAYS, SIGNING_ALGORITHM
from infra.cfn import Json, allow, sub

KEY_USAGE = "SIGN_VERIFY"
PURPOSES = ["root", "signatory"]
APP_TAG = "sonod-sheba"
ANY_KEY_HERE = sub("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*")


def scope_tags(stage: str) -> dict[str, list[str]]:
    """Tag key -> the values that mark a key as this stage's; a key must carry them to be usable."""
    return {"app": [APP_TAG], "stage": [stage], "purpose": PURPOSES}


def allowed_tag_keys(stage: str) -> list[str]:
    return ["office_id", *scope_tags(stage)]  # every tag the adapter may put on a new key


def _request_tags(stage: str) -> Json:
    return {
        "StringEquals": {f"aws:RequestTag/{k}": v for k, v in scope_tags(stage).items()},
        "ForAllValues:StringEquals": {"aws:TagKeys": allowed_tag_keys(stage)},
    }


def _our_keys(stage: str) -> Json:
    return {f"aws:ResourceTag/{k}": v for k, v in scope_tags(stage).items()} | {
        "kms:KeySpec": KEY_SPEC,
        "kms:KeyUsage": KEY_USAGE,
    }


def signing_key_statements(stage: str) -> list[Json]:
    create = _request_tags(stage)
    create["StringEquals"] |= {"kms:KeySpec": KEY_SPEC, "kms:KeyUsage": KEY_USAGE}
    sign = {"StringEquals": _our_keys(stage) | {"kms:MessageType": "RAW", "kms:SigningAlgorithm": SIGNING_ALGORITHM}}
    return [
        # CreateKey authorises no key resource (the key does not exist yet): "*" is the only
        # resource it accepts, so the request itself is constrained instead.
        allow("kms:CreateKey", "*", "CreateSigningKeys", create),
        # CreateKey with Tags also needs TagResource, granted on all keys of the account and
        # Region (KMS's documented minimum for tagging at creation), again only with our tags.
        allow("kms:TagResource", ANY_KEY_HERE, "TagNewSigningKeys", _request_tags(stage)),
        allow("kms:GetPublicKey", ANY_KEY_HERE, "ReadSigningKeys", {"StringEquals": _our_keys(stage)}),
        allow("kms:Sign", ANY_KEY_HERE, "SignWithSigningKeys", sign),
        allow("kms:ScheduleKeyDeletion", ANY_KEY_HERE, "RetireSignatoryKeys", _retire(stage)),
    ]


def _retire(stage: str) -> Json:
    signatory = _our_keys(stage) | {"aws:ResourceTag/purpose": "signatory"}
    window = {"kms:ScheduleKeyDeletionPendingWindowInDays": RETIRED_KEY_DELETION_DAYS}
    return {"StringEquals": signatory, "NumericGreaterThanEquals": window}
