#!/usr/bin/env python3
"""Renders the differential corpus with real Jinja2 3.1 and writes the expected results.

Usage: python3 jinja/scripts/generate-expectations.py
Reads jinja/test/differential/corpus.yaml, writes jinja/test/differential/expectations.json.

The environment is configured as Sekoia.io's playbook runtime is understood to be: a
SandboxedEnvironment with Jinja2's defaults (Undefined, autoescape off, trim/lstrip off,
keep_trailing_newline off), Sekoia's filters and Ply's own filters. Data dicts are JSON objects
whose keys are strings; an integer subscript on one reads the key it spells, which is what makes
Sekoia's `node.1.x` work on string-keyed data. A template that is exactly one `{{ expr }}`
(whitespace and comments around it allowed) also gets its typed value: the expression's value
with lists, tuples, ranges, generators and dict views as lists and Undefined as None.
"""
import base64
import json
import math
import os
import sys
from datetime import datetime, timezone

import jinja2
import yaml
from jinja2 import nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.filters import do_tojson
from jinja2.sandbox import SandboxedEnvironment
from jsonpath_ng.ext import parse as jsonpath_parse

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "test", "differential", "corpus.yaml")
EXPECTATIONS = os.path.join(HERE, "..", "test", "differential", "expectations.json")


class DataDict(dict):
    """A JSON object: an int subscript reads the key it spells (Sekoia's node.1)."""

    def __missing__(self, key):
        if isinstance(key, int) and not isinstance(key, bool) and str(key) in self:
            return self[str(key)]
        raise KeyError(key)


def as_data(value):
    if isinstance(value, dict):
        return DataDict((str(k), as_data(v)) for k, v in value.items())
    if isinstance(value, list):
        return [as_data(v) for v in value]
    return value


def timestamp_to_iso8601(value):
    return datetime.fromtimestamp(float(value), tz=timezone.utc).isoformat().replace("+00:00", "Z")


def iso8601_to_timestamp(value):
    moment = datetime.fromisoformat(str(value).strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    seconds = moment.timestamp()
    return int(seconds) if seconds == int(seconds) else seconds


def jsonpath(value, path, return_list=False):
    matches = [match.value for match in jsonpath_parse(path).find(value)]
    if len(matches) == 1 and not return_list:
        return matches[0]
    if len(matches) > 1 or return_list:
        return matches
    return None


def make_environment():
    env = SandboxedEnvironment()
    env.filters["timestamp_to_iso8601"] = timestamp_to_iso8601
    env.filters["iso8601_to_timestamp"] = iso8601_to_timestamp
    env.filters["jsonpath"] = jsonpath
    env.filters["b64encode"] = lambda v: base64.b64encode(str(v).encode()).decode()
    env.filters["b64decode"] = lambda v: base64.b64decode(str(v)).decode()
    env.filters["fromjson"] = lambda v: json.loads(str(v))
    env.filters["dump"] = do_tojson
    return env


def tagged(value):
    """JSON with the int/float distinction kept: floats as {"$float": repr}, big ints as {"$int": digits}."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value if abs(value) <= 2**53 - 1 else {"$int": str(value)}
    if isinstance(value, float):
        return {"$float": repr(value)}
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, str) else k: tagged(v) for k, v in value.items()}
    if isinstance(value, jinja2.Undefined):
        return None
    if isinstance(value, (list, tuple, range)) or hasattr(value, "__next__") or type(value).__name__.startswith("dict_"):
        return [tagged(v) for v in value]
    return str(value)


def error_kind(error):
    if isinstance(error, UndefinedError):
        return "undefined"
    if isinstance(error, SecurityError):
        return "security"
    if isinstance(error, TemplateSyntaxError):
        message = str(error)
        if message.startswith("No filter named") or message.startswith("No test named"):
            return "unknown-name"
        return "syntax"
    return "runtime"


def lone_expression(env, source):
    try:
        body = env.parse(source).body
    except TemplateSyntaxError:
        return None
    if len(body) != 1 or not isinstance(body[0], nodes.Output):
        return None
    exprs = [n for n in body[0].nodes if not isinstance(n, nodes.TemplateData)]
    texts = [n for n in body[0].nodes if isinstance(n, nodes.TemplateData)]
    if len(exprs) != 1 or any(t.data.strip() for t in texts):
        return None
    return exprs[0]


def evaluate(env, expr, data):
    tree = nodes.Template([nodes.Assign(nodes.Name("result", "store"), expr)], lineno=1)
    tree.set_environment(env)
    template = env.template_class.from_code(env, env.compile(tree), env.make_globals(None))
    return getattr(template.make_module(data), "result")


def run(case, env):
    data = as_data(case.get("data") or {})
    result = {}
    try:
        result["text"] = env.from_string(case["template"]).render(data)
    except Exception as error:  # noqa: BLE001 - every failure is an expected outcome
        result["error"] = error_kind(error)
        result["message"] = f"{type(error).__name__}: {error}"
    expr = lone_expression(env, case["template"])
    if expr is not None and "error" not in result:
        try:
            result["typed"] = tagged(evaluate(env, expr, as_data(case.get("data") or {})))
        except Exception as error:  # noqa: BLE001
            result["typed_error"] = error_kind(error)
    return result


def main():
    with open(CORPUS, encoding="utf-8") as handle:
        groups = yaml.safe_load(handle)
    env = make_environment()
    cases = []
    for group in groups:
        shared = group.get("data") or {}
        for index, item in enumerate(group["cases"], start=1):
            case = item if isinstance(item, dict) else {"template": item}
            data = dict(shared)
            data.update(case.get("data") or {})
            full = {"name": case.get("name") or f"{group['group']}/{index}", "template": case["template"], "data": data}
            expected = run(full, env)
            cases.append({"name": full["name"], "template": full["template"], "data": tagged(data), "expected": expected})
    names = [case["name"] for case in cases]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        sys.exit(f"duplicate case names: {sorted(duplicates)}")
    output = {"generator": f"Jinja2 {jinja2.__version__}, Python {sys.version.split()[0]}", "cases": cases}
    with open(EXPECTATIONS, "w", encoding="utf-8") as handle:
        json.dump(output, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    print(f"{len(cases)} cases written to {os.path.relpath(EXPECTATIONS)}")


if __name__ == "__main__":
    main()
