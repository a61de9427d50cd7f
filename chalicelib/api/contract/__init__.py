"""The HTTP contract, declared once (decision 56): request and response models (pydantic v2
TypedDicts) and the route table from which both the routes' parsing and GET /v1/openapi.json
are derived. Nothing here is built at import time: validators and schemas are built on first use.
"""
