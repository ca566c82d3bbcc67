"""Read LPDC/IPDC data into an RDF graph with rdflib: JSON-LD (compacted or expanded) or Turtle.

Offline by design: a JSON-LD `@context` given as a URL is replaced by the bundled copy of the official
context (rechtenverkenner/lpdc/contexts/, from Informatievlaanderen/ipdc-lpdc); a context we do not
know is refused, never fetched. Every problem is an LpdcError with a Dutch and an English message.
"""

from __future__ import annotations

import json
import warnings
from functools import cache
from pathlib import Path

from rdflib import Graph

CONTEXTS = Path(__file__).resolve().parent / "contexts"
# the file name at the end of a context URL -> the bundled context; LPDC serves the model's context under
# several hosts (data.vlaanderen.be, the LDES server, the IPDC stub), always with this file name
KNOWN_CONTEXTS = {
    "ipdc-lpdc-im.jsonld": "ipdc-lpdc-im.jsonld",
    "ipdc-lpdc-im-hydra-ldes.jsonld": "ipdc-lpdc-im.jsonld",
    "ldes.jsonld": "ldes.jsonld",
    "hydra.jsonld": "hydra.jsonld",
}
MAX_DEPTH = 40  # a real LPDC document nests at most 6 levels (service, procedure, website, ...)
MAX_NODES = 200_000
BASE = "https://rechtenverkenner.invalid/upload/"  # resolves relative identifiers; never fetched


class LpdcError(ValueError):
    """LPDC input that cannot be read; .nl and .en say why, .path where (when known)."""

    def __init__(self, nl: str, en: str, path: str = "$"):
        self.nl, self.en, self.path = nl, en, path
        super().__init__(en)


@cache
def _bundled(name: str) -> dict:
    return json.loads((CONTEXTS / name).read_text(encoding="utf-8"))["@context"]


def context_for(url: str) -> dict:
    """The bundled context for a context URL; raises LpdcError for one we do not know."""
    name = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    if name.startswith("ipdc-lpdc-im") and name.endswith(".jsonld"):
        name = "ipdc-lpdc-im.jsonld"  # e.g. the IPDC test stub's ipdc-lpdc-im-that-does-not-exist.jsonld
    if name not in KNOWN_CONTEXTS:
        raise LpdcError(
            f"Onbekende JSON-LD-context '{url[:200]}': alleen de LPDC/IPDC-contexten worden gebruikt "
            "(ze worden nooit van het internet gehaald).",
            f"Unknown JSON-LD context '{url[:200]}': only the LPDC/IPDC contexts are used (never fetched).",
            "$.@context",
        )
    return _bundled(KNOWN_CONTEXTS[name])


def _check_shape(data) -> None:
    """Refuse data nested deeper than MAX_DEPTH or with more than MAX_NODES values (iteratively)."""
    stack = [(data, 1)]
    count = 0
    while stack:
        value, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_NODES:
            raise LpdcError(
                "Het bestand is te diep genest of te groot voor een LPDC-bestand.",
                "The file is nested too deeply or too large for an LPDC file.",
            )
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def _local_contexts(data, path: str = "$"):
    """A copy of data with every context URL replaced by its bundled context."""
    if isinstance(data, list):
        return [_local_contexts(v, f"{path}[{i}]") for i, v in enumerate(data)]
    if not isinstance(data, dict):
        return data
    out = {}
    for key, value in data.items():
        if key == "@context":
            out[key] = _context_value(value, f"{path}.@context")
        else:
            out[key] = _local_contexts(value, f"{path}.{key}")
    return out


def _context_value(value, path: str):
    if isinstance(value, list):
        return [_context_value(v, path) for v in value]
    if isinstance(value, str):
        return context_for(value)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise LpdcError(
            "Een @context is een URL, een object of een lijst daarvan.",
            "A @context is a URL, an object or a list of those.",
            path,
        )
    if "@import" in value:
        raise LpdcError("Een @context met @import wordt niet gebruikt.", "A @context with @import is not used.", path)
    return {k: _context_value(v, path) if k == "@context" else _local_contexts(v, path) for k, v in value.items()}


def _with_default_context(data):
    """A document without @context that uses the model's Dutch keys (naam, beschrijving, ...) gets the
    LPDC context; expanded JSON-LD (absolute IRIs as keys) is left as it is."""
    if isinstance(data, list):
        return [_with_default_context(item) for item in data]
    uses_terms = isinstance(data, dict) and any(not key.startswith("@") and ":" not in key for key in data)
    if uses_terms and "@context" not in data:
        return {"@context": ["ipdc-lpdc-im.jsonld", "ldes.jsonld"], **data}
    return data


def _fail(exc: Exception, kind: str) -> LpdcError:
    detail = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
    return LpdcError(f"Geen geldig {kind}-bestand: {detail}", f"Not a valid {kind} file: {detail}")


def looks_like_json(content: bytes) -> bool:
    return content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def parse_graph(content: bytes, base: str = BASE) -> Graph:
    """The RDF graph of an LPDC/IPDC file: JSON-LD (compacted or expanded) or Turtle (N-Triples too)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LpdcError("Het bestand is geen UTF-8-tekst.", "The file is not UTF-8 text.") from exc
    graph = Graph()
    if looks_like_json(content):
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise _fail(exc, "JSON") from exc
        _check_shape(data)
        if not isinstance(data, (dict, list)):
            raise LpdcError("Een JSON-LD-bestand is een object of een lijst.", "A JSON-LD file is an object or list.")
        data = _local_contexts(_with_default_context(data))
        try:
            with warnings.catch_warnings():  # rdflib's JSON-LD parser still builds a ConjunctiveGraph inside
                warnings.simplefilter("ignore", DeprecationWarning)
                graph.parse(data=json.dumps(data), format="json-ld", publicID=base)
        except LpdcError:
            raise
        except Exception as exc:  # rdflib raises many kinds of errors for bad JSON-LD
            raise _fail(exc, "JSON-LD") from exc
        return graph
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        pass  # not JSON: Turtle
    else:
        raise LpdcError("Een JSON-LD-bestand is een object of een lijst.", "A JSON-LD file is an object or list.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            graph.parse(data=text, format="turtle", publicID=base)
    except Exception as exc:  # rdflib's BadSyntax and friends
        raise _fail(exc, "Turtle") from exc
    return graph
