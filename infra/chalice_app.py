"""What `chalice package` will emit for a stage, read from Chalice itself: the app's functions with
their logical ids and settings, and the REST API's stage and routes.

Chalice builds the same application graph for `chalice package`; reading it here (instead of a
hand-kept list) means a function added to chalicelib/api is alarmed, and a renamed route fails
the build, without anyone remembering infra/.
"""

from __future__ import annotations

import importlib
import json
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from chalice.config import Config
from chalice.deploy import models
from chalice.deploy.appgraph import ApplicationGraphBuilder, DependencyBuilder
from chalice.utils import to_cfn_resource_name

ROOT = Path(__file__).resolve().parent.parent
CHALICE_CONFIG = ROOT / ".chalice" / "config.json"
REST_API = "RestAPI"  # the AWS::Serverless::Api chalice package emits
# chalice package names every function by its resource name, except the API handler, which its
# SAM generator renames from ApiHandler to APIHandler.
SPECIAL_LOGICAL_IDS = {"api_handler": "APIHandler"}
# Chalice's own defaults (chalice.cli.factory.create_config_obj) for what config.json may leave out.
DEFAULT_PARAMS = {"api_gateway_stage": "api", "api_gateway_endpoint_type": "EDGE", "autogen_policy": True}


@dataclass(frozen=True)
class Function:
    name: str  # Chalice's resource name: "api_handler", "case_stream", ...
    logical_id: str  # its logical id in the packaged template
    reserved_concurrency: int | None
    xray: bool


@dataclass(frozen=True)
class ChaliceStage:
    functions: tuple[Function, ...]
    api_stage: str | None  # the API Gateway stage name; None when the app has no routes
    api_xray: bool  # whether the API stage traces with X-Ray (Chalice's `xray` for the stage)

    def rest_api_stage(self) -> str:
        if self.api_stage is None:
            raise ValueError("the Chalice app has no routes: there is no API to configure")
        return self.api_stage


def logical_id(function_name: str) -> str:
    return SPECIAL_LOGICAL_IDS.get(function_name) or to_cfn_resource_name(function_name)


def _app() -> Any:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # app.py sits at the project root, as Chalice expects
    return importlib.import_module("app").app  # the Chalice object Lambda runs


def _config(stage: str, config_path: Path) -> Config:
    user = {"chalice_app": _app(), "project_dir": str(ROOT)}
    return Config(
        chalice_stage=stage,
        user_provided_params=user,
        config_from_disk=json.loads(config_path.read_text()),
        default_params=dict(DEFAULT_PARAMS),
    )


@cache
def chalice_stage(stage: str, config_path: Path = CHALICE_CONFIG) -> ChaliceStage:
    config = _config(stage, config_path)
    resources = DependencyBuilder().build_dependencies(ApplicationGraphBuilder().build(config, stage))
    functions = tuple(
        Function(r.resource_name, logical_id(r.resource_name), r.reserved_concurrency, bool(r.xray))
        for r in resources
        if isinstance(r, models.LambdaFunction)
    )
    apis = [r for r in resources if isinstance(r, models.RestAPI)]
    if not apis:
        return ChaliceStage(functions, None, False)
    return ChaliceStage(functions, apis[0].api_gateway_stage, bool(apis[0].xray))


def route_path(view_name: str, method: str) -> str:
    """The path of the route whose view function is `view_name` (for `method`); fails if none is."""
    found = [
        path
        for path, methods in _app().routes.items()
        for verb, entry in methods.items()
        if verb == method and entry.view_name == view_name
    ]
    if len(found) != 1:
        raise ValueError(f"expected one {method} route served by {view_name!r}, found {found}")
    path: str = found[0]
    return path
