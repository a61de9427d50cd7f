"""Idempotency-Key support through Powertools' idempotency utility (DynamoDB persistence).

The persistence layer creates a boto3 client when constructed, so it is built on first use.
A key is scoped to the caller and the operation; reusing a key with a different body is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from chalicelib.adapters.aws import client
from chalicelib.config import settings
from chalicelib.domain.errors import AppError

KEY_TTL_SECONDS = 24 * 3600


@lru_cache(maxsize=1)
def _store() -> Any:
    from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer

    return DynamoDBPersistenceLayer(table_name=settings().table_name("idempotency"), boto3_client=client("dynamodb"))


@cache
def _runner(operation: str) -> tuple[Any, Callable[..., Any]]:
    from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent_function

    config = IdempotencyConfig(
        event_key_jmespath="[operation, caller, key]",
        payload_validation_jmespath="body",
        expires_after_seconds=KEY_TTL_SECONDS,
        raise_on_no_idempotency_key=True,
    )

    def run(request: dict[str, Any], work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        return work()

    run.__name__ = f"idempotent_{operation}"  # part of the stored key: one namespace per operation
    wrapped: Callable[..., Any] = idempotent_function(
        data_keyword_argument="request", persistence_store=_store(), config=config
    )(run)
    return config, wrapped


def key_reused() -> AppError:
    return AppError("idempotency_key_reused", "use a new key for a new request")


def once(
    operation: str,
    caller: str,
    key: str | None,
    body: dict[str, Any],
    work: Callable[[], dict[str, Any]],
    lambda_context: Any = None,
) -> dict[str, Any]:
    """Run `work` once per (operation, caller, key); a retry with the same key gets the first result.

    Given the Lambda context, an in-progress record expires with the invocation, so a retry after a
    timed-out attempt is not refused for the key's whole lifetime."""
    if key is None:
        return work()
    from aws_lambda_powertools.utilities.idempotency.exceptions import (
        IdempotencyAlreadyInProgressError,
        IdempotencyValidationError,
    )

    request = {"operation": operation, "caller": caller, "key": key, "body": body}
    try:
        config, run = _runner(operation)
        if lambda_context is not None:
            config.register_lambda_context(lambda_context)
        result: dict[str, Any] = run(request=request, work=work)
    except IdempotencyValidationError:
        raise key_reused() from None
    except IdempotencyAlreadyInProgressError:
        raise AppError("request_in_progress", "retry in a moment") from None
    return result
