"""The registry of document kinds, the shared converter, and ``loads`` / ``dumps``.

Every owner of a tagged union contributes ``configure(converter)``; this module
applies them all on top of the hooks of :mod:`thidua.serialization._hooks`.
"""

from __future__ import annotations

import importlib
import weakref
from collections.abc import Callable
from typing import Any, Final, TypeVar, get_args

import cattrs
import orjson
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from thidua._base.limits import DEFAULT_LIMITS, Limits, check_tree
from thidua._base.sharing import loading
from thidua.errors import (
    Details,
    InvalidModelError,
    Problem,
    SchemaVersionError,
    StructureError,
    WireError,
)
from thidua.scoring._wire import configure as configure_scoring
from thidua.serialization._bounded import bounded_parts
from thidua.serialization._hooks import (
    _DATA_ERRORS,
    _VERSION_RE,
    DUMP_OPTIONS,
    collector_paused,
    configure_base,
    dump_default_of,
    guarded,
    json_type,
    parse_text,
    problems_of,
    within_limits,
)

T = TypeVar("T")

__all__ = [
    "SCHEMA_VERSION",
    "configure_converter",
    "converter",
    "document_data",
    "document_kind",
    "document_kinds",
    "dumps",
    "loads",
    "make_converter",
    "structure",
    "unstructure",
]

SCHEMA_VERSION: Final = "1.1"
"""The schema version written into every document (``MAJOR.MINOR``)."""

#: Document kinds and the classes that hold them, imported when first needed.
_KINDS: Final[dict[str, str]] = {
    "agreement": "thidua._agreement:AgreementDocument",
    "organisation": "thidua._organisation:Organisation",
    "results": "thidua.scoring._result:Results",
    "review": "thidua.yearend._review:ReviewDocument",
    "scheme": "thidua.scoring._scheme:Scheme",
    "scoring": "thidua.scoring._assessment:Scoring",
}


#: What configures a converter: the plain values' hooks, then each owner's tagged unions.
_CONFIGURATORS: Final[list[Callable[[cattrs.Converter], None]]] = [
    configure_base,
    configure_scoring,
]

#: Owners whose hooks a converter registers when it first meets one of their types (a
#: class of the package, or a type made of one), each with its ``configure``: a scoring
#: load, dump or score never meets the year end's, nor imports its models.
_CONFIGURATORS_ON_FIRST_USE: Final[dict[str, str]] = {
    "thidua.yearend": "thidua.yearend._wire:configure",
}


def configure_converter(conv: cattrs.Converter) -> None:
    """Register thidua's strict hooks and every model's tagged unions on *conv*.

    Apply it to a converter of your own to exchange thidua's models in the same
    format as :func:`structure` and :func:`unstructure`. The hooks of the year end's
    models are registered when *conv* first meets one of them.
    """
    for configure in _CONFIGURATORS:
        configure(conv)
    for package, target in _CONFIGURATORS_ON_FIRST_USE.items():
        _OnFirstUse(conv, package, target).register()


#: The owners not yet configured on their converters (each lives as long as its converter).
_WAITING: Final[weakref.WeakSet[_OnFirstUse]] = weakref.WeakSet()


def _of_package(type_: Any, prefix: str) -> bool:
    """Whether *type_* is a class of the package *prefix* (``pkg.``) or is made of one."""
    if isinstance(type_, type) and type_.__module__.startswith(prefix):
        return True
    return any(_of_package(arg, prefix) for arg in get_args(type_))


def configure_fully(conv: cattrs.Converter) -> None:
    """Register now on *conv* the hooks it would register on first use (the schema reads them)."""
    for waiting in list(_WAITING):
        if waiting.conv is conv:
            waiting.configure()


class _OnFirstUse:
    """An owner's ``configure``, applied to a converter when it first meets the owner's types.

    Its hook factories come before every other one; once the owner's hooks are
    registered they step aside, and the converter finds the owner's hooks as usual.
    """

    def __init__(self, conv: cattrs.Converter, package: str, target: str) -> None:
        self.conv, self.prefix, self.target = conv, package + ".", target
        self.done = False

    def register(self) -> None:
        _WAITING.add(self)
        self.conv.register_structure_hook_factory(self.meets, self.structure_hook)
        self.conv.register_unstructure_hook_factory(self.meets, self.unstructure_hook)

    def meets(self, type_: Any) -> bool:
        return not self.done and _of_package(type_, self.prefix)

    def configure(self) -> None:
        if not self.done:
            self.done = True
            _WAITING.discard(self)
            module, _, name = self.target.partition(":")
            getattr(importlib.import_module(module), name)(self.conv)

    def structure_hook(self, type_: Any) -> Callable[[Any, Any], Any]:
        self.configure()
        return self.conv.get_structure_hook(type_)

    def unstructure_hook(self, type_: Any) -> Callable[[Any], Any]:
        self.configure()
        return self.conv.get_unstructure_hook(type_)


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """Make a new converter configured with thidua's strict hooks.

    Args:
        detailed_validation: Collect every problem with its path (the default). Without
            it the converter makes the same checks but stops at the first problem and
            does not say where it is; :func:`structure` uses such a converter first and
            falls back to a detailed one to report problems.
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed_validation)
    configure_converter(conv)
    return conv


_CONVERTER: cattrs.Converter | None = None
#: The converter thidua made last and, once needed, its fast twin (same configurators).
_TWIN: list[cattrs.Converter] = []


def converter() -> cattrs.Converter:
    """Return the shared converter, made on first use.

    :func:`structure` builds valid data with a fast twin of this converter; register
    hooks of your own on a converter from :func:`make_converter`, not on this one.
    """
    global _CONVERTER  # noqa: PLW0603 - one converter, made lazily
    if _CONVERTER is None:
        _CONVERTER = make_converter()
        _TWIN[:] = [_CONVERTER]
    return _CONVERTER


def _fast_twin(detailed: cattrs.Converter) -> cattrs.Converter | None:
    """The fast twin of *detailed* if thidua made it (a replaced converter has none)."""
    if not _TWIN or _TWIN[0] is not detailed:
        return None
    if len(_TWIN) == 1:
        _TWIN.append(make_converter(detailed_validation=False))
    return _TWIN[1]


def structure(data: object, cls: type[T], /) -> T:
    """Build *cls* from JSON-like data.

    Raises:
        StructureError: listing every problem, each with its JSON path.
    """
    name = getattr(cls, "__name__", repr(cls))  # unions have no __name__
    try:
        with collector_paused():
            # Fast path: the same hooks and checks with no per-field bookkeeping. Valid
            # data (the common case) is built once. Bad data is built a second time by
            # the detailed converter, which raises every problem with its JSON path.
            # A shared converter replaced by another (tests do) is used alone.
            detailed = converter()
            fast = _fast_twin(detailed)
            if fast is not None:
                try:
                    return fast.structure(data, cls)
                except _DATA_ERRORS:
                    pass
            return detailed.structure(data, cls)
    except (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError) as exc:
        raise StructureError(name, problems_of(exc)) from exc
    except (InvalidModelError, WireError, KeyError, StructureError) as exc:
        raise StructureError(name, problems_of(exc)) from exc


def unstructure(obj: object) -> Any:
    """Turn a model into JSON-like data (dicts, lists, strings, integers, booleans, null)."""
    return converter().unstructure(obj)


def document_kinds() -> dict[str, type]:
    """Every document kind and its class."""
    return {kind: _resolve(kind) for kind in _KINDS}


def _resolve(kind: str) -> type:
    module, _, name = _KINDS[kind].partition(":")
    cls: type = getattr(importlib.import_module(module), name)
    return cls


def document_kind(cls: type) -> str:
    """Return the kind under which documents of *cls* are written."""
    for kind, target in _KINDS.items():
        module, _, name = target.partition(":")
        if cls.__module__ == module and cls.__qualname__ == name:
            return kind
    msg = f"{cls.__name__} is not a document kind; known kinds: {', '.join(_KINDS)}"
    raise TypeError(msg)


def _check_version(value: object) -> None:
    if type(value) is not str or not (match := _VERSION_RE.fullmatch(value)):
        problem = Problem(
            f'expected a version such as "{SCHEMA_VERSION}", got {json_type(value)} {value!r}',
            path="$.schema_version",
            code="invalid-version",
        )
        raise SchemaVersionError("document", [problem])
    major, minor = (int(part) for part in match.groups())
    current_major, current_minor = (int(p) for p in SCHEMA_VERSION.split("."))
    if (major, minor) > (current_major, current_minor):
        problem = Problem(
            f"schema version {value} is newer than this thidua reads ({SCHEMA_VERSION});"
            " upgrade thidua",
            path="$.schema_version",
            code="newer-version",
            details={"version": value, "current": SCHEMA_VERSION},
        )
        raise SchemaVersionError("document", [problem])
    if major < current_major:
        problem = Problem(
            f"schema version {value} is older than {SCHEMA_VERSION}; run 'thidua migrate'",
            path="$.schema_version",
            code="older-version",
            details={"version": value, "current": SCHEMA_VERSION},
        )
        raise SchemaVersionError("document", [problem])


def loads(
    data: bytes | str | dict[str, Any],
    cls: type[T] | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> T:
    """Read a document: JSON text (or already parsed data) with its envelope.

    Args:
        data: The JSON text, or the parsed top-level object.
        cls: The expected document class; ``None`` accepts any document kind.
        limits: How large a document to accept (size, nesting, lengths).

    Raises:
        DocumentError: *data* is not JSON or passes a limit.
        SchemaVersionError: the schema version is missing, malformed or newer.
        StructureError: every problem in the content, with JSON paths.
    """
    with collector_paused(), loading():
        if isinstance(data, dict):
            parsed: Any = data
            check_tree(parsed, limits)
            result: T = _read_document(parsed, cls)
        else:
            parsed = parse_text(data, limits)
            read = _read_bounded(parsed, len(data), cls, limits)
            if read is not None:
                result = read[0]
            else:
                parsed = within_limits(parsed, data, limits)
                result = _read_document(parsed, cls)
        # The collector stays paused until the objects are built, and the parsed tree is
        # dropped before it resumes: the collector's first pass after a pause scans every
        # object made during it, and the tree would double that pass for nothing.
        del parsed
    return result


def _read_bounded(parsed: Any, size: int, cls: type[T] | None, limits: Limits) -> tuple[T] | None:
    """The document read with its bounded parts left out of the limits' walk, or ``None``.

    The parts whose type bounds their shape (:mod:`thidua.serialization._bounded`) are
    measured by the hooks as they are read. On any problem, past a limit or not, this
    gives up: the document is then walked whole and read the usual way, so that the
    error and its path are the same either way.
    """
    if type(parsed) is not dict:
        return None
    kind = parsed.get("kind")
    fast = _fast_twin(converter())
    if fast is None or type(kind) is not str or kind not in _KINDS:
        return None
    target = _resolve(kind)
    if cls is not None and target is not cls:
        return None
    parts = bounded_parts(fast, target, parsed, limits)
    if not parts:
        return None
    try:
        if check_tree(parsed, limits, size=size, opaque=parts):
            return None  # a float: read again with its text, the usual way
        with guarded(limits.max_string_length, limits.max_items):
            body = _document_body(parsed)
            return (fast.structure(body, target),)
    except Exception:  # noqa: BLE001 - any problem is found again, and reported, below
        return None


def _read_document(parsed: Any, cls: type[T] | None) -> Any:
    """Check the envelope of a parsed document and build its content."""
    if type(parsed) is not dict:
        got = json_type(parsed)
        problem = Problem(
            f"expected an object, got {got}",
            path="$",
            code="wrong-type",
            details={"expected": "object", "got": got},
        )
        raise StructureError("document", [problem])
    kind = parsed.get("kind")
    if type(kind) is not str or kind not in _KINDS:
        known = ", ".join(repr(k) for k in _KINDS)
        code = "missing" if "kind" not in parsed else "unknown-tag"
        problem = Problem(
            f"unknown document kind {kind!r}: expected one of {known}",
            path="$.kind",
            code=code,
            details=Details.plain(what="document kind", tag=kind, choices=tuple(_KINDS)),
        )
        raise StructureError("document", [problem])
    target = _resolve(kind)
    if cls is not None and target is not cls:
        expected = document_kind(cls)
        problem = Problem(
            f"expected a {expected!r} document, got {kind!r}",
            path="$.kind",
            code="wrong-kind",
            details={"wanted": expected, "kind": kind},
        )
        raise StructureError(cls.__name__, [problem])
    return structure(_document_body(parsed), target)


def _document_body(parsed: dict[str, Any]) -> dict[str, Any]:
    """The content of a document, once its version is checked."""
    if "schema_version" not in parsed:
        problem = Problem("required field missing", path="$.schema_version", code="missing")
        raise SchemaVersionError("document", [problem])
    _check_version(parsed["schema_version"])
    return {k: v for k, v in parsed.items() if k not in ("kind", "schema_version")}


def document_data(document: object) -> dict[str, Any]:
    """Return a document as JSON-like data, envelope (``kind``, ``schema_version``) included."""
    body = unstructure(document)
    envelope = {"kind": document_kind(type(document)), "schema_version": SCHEMA_VERSION}
    return {**envelope, **body}


def dumps(document: object, *, indent: bool = False) -> bytes:
    """Write a document as UTF-8 JSON, envelope first, keys sorted.

    The output is canonical: the same document always gives the same bytes.
    """
    if indent:
        data = document_data(document)
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2)
    # Each model is written by a function generated for its class, straight from the
    # object to orjson: the same bytes as canonical_json(document_data(document)).
    envelope = {"kind": document_kind(type(document)), "schema_version": SCHEMA_VERSION}
    return orjson.dumps(_TopLevel(envelope, document), default=_dump_default(), option=DUMP_OPTIONS)


class _TopLevel:
    """A document and its envelope, written as one object by :func:`dumps`."""

    __slots__ = ("document", "envelope")

    def __init__(self, envelope: dict[str, Any], document: object) -> None:
        self.envelope, self.document = envelope, document


#: The converter the dump hook was made for, and the hook.
_DEFAULTS: list[Any] = []


def _dump_default() -> Callable[[Any], Any]:
    """The dump hook of the shared converter (made again if the converter is replaced)."""
    conv = converter()
    if _DEFAULTS and _DEFAULTS[0] is conv:
        found: Callable[[Any], Any] = _DEFAULTS[1]
    else:
        # The envelope is one more class the hook writes: no test of every value for it.
        functions: dict[type, Callable[[Any], Any]] = {}
        found = dump_default_of(functions, conv)
        functions[_TopLevel] = lambda top: {**top.envelope, **found(top.document)}
        _DEFAULTS[:] = [conv, found]
    return found
