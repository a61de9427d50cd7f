"""A refusal from the contract's check reads in both languages, with no English inside the Bengali."""

from __future__ import annotations

from typing import Literal

import pytest
from pydantic import TypeAdapter, ValidationError
from typing_extensions import TypedDict

from chalicelib.api.contract.parsing import validation_problem


class _Upload(TypedDict):
    content_type: Literal["application/pdf", "image/jpeg", "image/png"]


def test_a_literal_lists_its_values_without_an_english_or() -> None:
    with pytest.raises(ValidationError) as refused:
        TypeAdapter(_Upload).validate_python({"content_type": "text/html"})
    (error,) = validation_problem(refused.value).errors
    assert error.message == "must be one of: 'application/pdf', 'image/jpeg', 'image/png'"
    assert error.message_bn == "এগুলোর একটি দিন: 'application/pdf', 'image/jpeg', 'image/png'"
    assert " or " not in error.message_bn
