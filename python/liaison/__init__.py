"""Liaison from Python: a ctypes binding over the C API (include/liaison.h, libliaison.so).

No build step: the package loads the shared library at import time, from (first found)
  1. the path in the environment variable LIAISON_LIBRARY;
  2. a libliaison.so* next to this file (copy the library into the package to ship both);
  3. the newest build/*/libliaison.so of the source tree this package sits in;
  4. the system's library path (ctypes.util.find_library("liaison"), after `cmake --install`).

    import liaison
    g = liaison.open("network.liaison")          # or liaison.import_graph("connections.tsv")
    g.degree(a, b)                                # Degree(degree=2, mutual=5, truncated=False)
    g.paths(a, b, k=5)                            # Paths(hops=2, count=17, paths=[Path(...)])
    g.reach(a, depth=3)                           # Reach(levels=[...], total=..., ...)
    g.mutual(a, b)                                # [ids...]
    g.suggest(a, k=10, score="jaccard")           # [Suggestion(member, mutual, score, reasons)]
    g.query_json_lines('{"op":"degree","from":1,"to":2}\\n')

Member ids are the network's own (external) ids, Python ints. Failures raise a subclass of
liaison.Error named after the status code (NotFound, InvalidArgument, DataLoss, ...), carrying
`.code` (the liaison_status number) and the library's message. Query methods accept the budget
keywords max_visited, timeout_ms and allow_partial; a query over budget raises ResourceExhausted or
DeadlineExceeded unless allow_partial=True, which returns a partial answer with truncated=True.

A Graph may be queried from many Python threads at once: ctypes releases the GIL during each
call, and the library's graph handle is safe for concurrent queries.
"""

import ctypes
import ctypes.util
import dataclasses
import glob
import json
import os
import pathlib
import weakref
from typing import Iterable, List, Optional, Sequence, Tuple, Union

__all__ = [
    "ABI_VERSION", "version", "open", "import_graph", "build", "Graph",
    "Degree", "DegreeTo", "Reach", "Hop", "Path", "Paths", "Suggestion", "Suggestions",
    "Error", "Cancelled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound",
    "AlreadyExists", "PermissionDenied", "ResourceExhausted", "FailedPrecondition", "Aborted",
    "OutOfRange", "Unimplemented", "Internal", "Unavailable", "DataLoss", "Unauthenticated",
]

# The ABI this binding was written for (LIAISON_ABI_VERSION in liaison.h).
ABI_VERSION = 1

# ---- Errors: one class per liaison_status ----


class Error(Exception):
    """A failed call into libliaison: `code` is the liaison_status number, `message` its text."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class Cancelled(Error): pass
class Unknown(Error): pass
class InvalidArgument(Error, ValueError): pass
class DeadlineExceeded(Error): pass
class NotFound(Error, LookupError): pass
class AlreadyExists(Error): pass
class PermissionDenied(Error): pass
class ResourceExhausted(Error): pass
class FailedPrecondition(Error): pass
class Aborted(Error): pass
class OutOfRange(Error, IndexError): pass
class Unimplemented(Error): pass
class Internal(Error): pass
class Unavailable(Error): pass
class DataLoss(Error): pass
class Unauthenticated(Error): pass


_ERRORS = {
    1: Cancelled, 2: Unknown, 3: InvalidArgument, 4: DeadlineExceeded, 5: NotFound,
    6: AlreadyExists, 7: PermissionDenied, 8: ResourceExhausted, 9: FailedPrecondition,
    10: Aborted, 11: OutOfRange, 12: Unimplemented, 13: Internal, 14: Unavailable,
    15: DataLoss, 16: Unauthenticated,
}

# ---- Loading the library ----


def _candidates() -> List[str]:
    found = []
    env = os.environ.get("LIAISON_LIBRARY")
    if env:
        found.append(env)
    here = pathlib.Path(__file__).resolve().parent
    found += sorted(glob.glob(str(here / "libliaison.so*")))
    root = here.parent.parent  # python/liaison -> source tree
    builds = glob.glob(str(root / "build" / "*" / "libliaison.so"))
    found += sorted(builds, key=os.path.getmtime, reverse=True)
    system = ctypes.util.find_library("liaison")
    if system:
        found.append(system)
    return found


def _load() -> ctypes.CDLL:
    tried = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            tried.append(f"{path}: {e}")
    raise ImportError("liaison: cannot find libliaison.so; set LIAISON_LIBRARY to its path"
                      + ("".join("\n  tried " + t for t in tried)))


_lib = _load()

_u64, _u32, _i32, _int, _size, _dbl, _flt = (ctypes.c_uint64, ctypes.c_uint32, ctypes.c_int32,
                                             ctypes.c_int, ctypes.c_size_t, ctypes.c_double,
                                             ctypes.c_float)
_vp, _cp = ctypes.c_void_p, ctypes.c_char_p
_pvp = ctypes.POINTER(ctypes.c_void_p)
_pu64 = ctypes.POINTER(ctypes.c_uint64)
_ppu64 = ctypes.POINTER(_pu64)
_pi32 = ctypes.POINTER(ctypes.c_int32)


def _fn(name, restype, *argtypes):
    f = getattr(_lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


_STATUS = _int
_L = {}
for _name, _res, _args in [
    ("liaison_version", _u32, ()),
    ("liaison_abi_version", _u32, ()),
    ("liaison_version_string", _cp, ()),
    ("liaison_status_name", _cp, (_int,)),
    ("liaison_free", None, (_vp,)),
    ("liaison_graph_open", _STATUS, (_cp, _u32, _pvp, _pvp)),
    ("liaison_graph_import", _STATUS, (_cp, _cp, _u32, _pvp, _pvp)),
    ("liaison_graph_build", _STATUS, (_pu64, _pu64, ctypes.POINTER(_flt), _size, _pvp, _pvp)),
    ("liaison_graph_save", _STATUS, (_vp, _cp, _pvp)),
    ("liaison_graph_close", None, (_vp,)),
    ("liaison_graph_num_members", _u64, (_vp,)),
    ("liaison_graph_num_connections", _u64, (_vp,)),
    ("liaison_graph_contains", _int, (_vp, _u64)),
    ("liaison_graph_member_at", _STATUS, (_vp, _u64, _pu64, _pvp)),
    ("liaison_options_create", _vp, ()),
    ("liaison_options_destroy", None, (_vp,)),
    ("liaison_options_set_max_depth", _STATUS, (_vp, _int, _pvp)),
    ("liaison_options_set_k", _STATUS, (_vp, _size, _pvp)),
    ("liaison_options_set_score", _STATUS, (_vp, _cp, _pvp)),
    ("liaison_options_set_hub_cap", _STATUS, (_vp, _u32, _pvp)),
    ("liaison_options_set_max_hops", _STATUS, (_vp, _int, _pvp)),
    ("liaison_options_set_include_longer", _STATUS, (_vp, _int, _pvp)),
    ("liaison_options_set_avoid", _STATUS, (_vp, _pu64, _size, _pvp)),
    ("liaison_options_set_depth", _STATUS, (_vp, _int, _pvp)),
    ("liaison_options_set_list", _STATUS, (_vp, _int, _pvp)),
    ("liaison_options_set_limit", _STATUS, (_vp, _size, _pvp)),
    ("liaison_options_add_where", _STATUS, (_vp, _cp, _cp, _pvp)),
    ("liaison_options_set_max_visited", _STATUS, (_vp, _u64, _pvp)),
    ("liaison_options_set_timeout_ms", _STATUS, (_vp, ctypes.c_int64, _pvp)),
    ("liaison_options_set_allow_partial", _STATUS, (_vp, _int, _pvp)),
    ("liaison_options_set_threads", _STATUS, (_vp, _int, _pvp)),
    ("liaison_degree", _STATUS, (_vp, _vp, _u64, _u64, _pvp, _pvp)),
    ("liaison_degree_result_degree", _int, (_vp,)),
    ("liaison_degree_result_mutual", _u32, (_vp,)),
    ("liaison_degree_result_truncated", _int, (_vp,)),
    ("liaison_degree_result_destroy", None, (_vp,)),
    ("liaison_degree_many", _STATUS, (_vp, _vp, _u64, _pu64, _size, _pvp, _pvp)),
    ("liaison_degree_results_count", _size, (_vp,)),
    ("liaison_degree_results_to", _u64, (_vp, _size)),
    ("liaison_degree_results_degree", _int, (_vp, _size)),
    ("liaison_degree_results_mutual", _u32, (_vp, _size)),
    ("liaison_degree_results_truncated", _int, (_vp, _size)),
    ("liaison_degree_results_destroy", None, (_vp,)),
    ("liaison_reach", _STATUS, (_vp, _vp, _u64, _pvp, _pvp)),
    ("liaison_reach_result_num_levels", _size, (_vp,)),
    ("liaison_reach_result_levels", _pu64, (_vp,)),
    ("liaison_reach_result_total", _u64, (_vp,)),
    ("liaison_reach_result_num_listed", _size, (_vp,)),
    ("liaison_reach_result_listed", _pu64, (_vp,)),
    ("liaison_reach_result_listed_distances", _pi32, (_vp,)),
    ("liaison_reach_result_truncated", _int, (_vp,)),
    ("liaison_reach_result_destroy", None, (_vp,)),
    ("liaison_paths", _STATUS, (_vp, _vp, _u64, _u64, _pvp, _pvp)),
    ("liaison_paths_result_hops", _int, (_vp,)),
    ("liaison_paths_result_count", _u64, (_vp,)),
    ("liaison_paths_result_num_paths", _size, (_vp,)),
    ("liaison_paths_result_path", _size, (_vp, _size, _ppu64)),
    ("liaison_paths_result_warmth", _dbl, (_vp, _size)),
    ("liaison_paths_result_hop_strength", _flt, (_vp, _size, _size)),
    ("liaison_paths_result_hop_since", _cp, (_vp, _size, _size)),
    ("liaison_paths_result_truncated", _int, (_vp,)),
    ("liaison_paths_result_destroy", None, (_vp,)),
    ("liaison_mutual", _STATUS, (_vp, _u64, _u64, _pvp, _pvp)),
    ("liaison_mutual_result_count", _size, (_vp,)),
    ("liaison_mutual_result_members", _pu64, (_vp,)),
    ("liaison_mutual_result_destroy", None, (_vp,)),
    ("liaison_suggest", _STATUS, (_vp, _vp, _u64, _pvp, _pvp)),
    ("liaison_suggest_result_count", _size, (_vp,)),
    ("liaison_suggest_result_member", _u64, (_vp, _size)),
    ("liaison_suggest_result_mutual", _u32, (_vp, _size)),
    ("liaison_suggest_result_score", _dbl, (_vp, _size)),
    ("liaison_suggest_result_reasons", _size, (_vp, _size, _ppu64)),
    ("liaison_suggest_result_truncated", _int, (_vp,)),
    ("liaison_suggest_result_destroy", None, (_vp,)),
    ("liaison_graph_stats", _STATUS, (_vp, _pvp, _pvp)),
    ("liaison_stats_members", _u64, (_vp,)),
    ("liaison_stats_connections", _u64, (_vp,)),
    ("liaison_stats_isolated_members", _u64, (_vp,)),
    ("liaison_stats_degree_min", _u32, (_vp,)),
    ("liaison_stats_degree_median", _u32, (_vp,)),
    ("liaison_stats_degree_p99", _u32, (_vp,)),
    ("liaison_stats_degree_max", _u32, (_vp,)),
    ("liaison_stats_degree_mean", _dbl, (_vp,)),
    ("liaison_stats_topology_bytes", _u64, (_vp,)),
    ("liaison_stats_topology_bytes_per_adjacency", _dbl, (_vp,)),
    ("liaison_stats_topology_bytes_per_member", _dbl, (_vp,)),
    ("liaison_stats_num_sections", _size, (_vp,)),
    ("liaison_stats_section_name", _cp, (_vp, _size)),
    ("liaison_stats_section_bytes", _u64, (_vp, _size)),
    ("liaison_stats_has_profiles", _int, (_vp,)),
    ("liaison_stats_rate", _STATUS, (_vp, _cp, ctypes.POINTER(_dbl), _pvp)),
    ("liaison_stats_destroy", None, (_vp,)),
    ("liaison_query_json", _STATUS, (_vp, _cp, _size, _pvp, ctypes.POINTER(_size), _pvp)),
    ("liaison_query_json_lines", _STATUS,
     (_vp, _vp, _cp, _size, _pvp, ctypes.POINTER(_size), _pvp)),
]:
    _L[_name[len("liaison_"):]] = _fn(_name, _res, *_args)

if _L["abi_version"]() != ABI_VERSION:
    raise ImportError(f"liaison: the library's ABI version is {_L['abi_version']()}, "
                      f"this binding needs {ABI_VERSION}")


def version() -> str:
    """The library's version, "major.minor.patch"."""
    return _L["version_string"]().decode()


def _call(name: str, *args) -> None:
    """Calls a fallible C function with a trailing `char** err`; raises on failure."""
    err = ctypes.c_void_p()
    status = _L[name](*args, ctypes.byref(err))
    if status != 0:
        message = ctypes.string_at(err.value).decode("utf-8", "replace") if err.value else ""
        _L["free"](err)
        raise _ERRORS.get(status, Error)(status, message)


def _u64_array(values: Sequence[int]):
    return (ctypes.c_uint64 * len(values))(*values)


# ---- Results ----


@dataclasses.dataclass(frozen=True)
class Degree:
    degree: Optional[int]  # None: farther than max_depth, unreachable, or truncated
    mutual: int            # mutual connections the viewer may see, when degree is 1 or 2
    truncated: bool = False


@dataclasses.dataclass(frozen=True)
class DegreeTo:
    to: int
    degree: Optional[int]
    mutual: int
    truncated: bool = False


@dataclasses.dataclass(frozen=True)
class Reach:
    levels: List[int]                   # levels[i]: members at distance i + 1
    total: int
    members: List[Tuple[int, int]]      # (id, distance), when list=True
    truncated: bool = False


@dataclasses.dataclass(frozen=True)
class Hop:
    strength: float
    since: Optional[str]  # "YYYY-MM-DD" or None


@dataclasses.dataclass(frozen=True)
class Path:
    members: List[int]
    warmth: float
    hops: List[Hop]


@dataclasses.dataclass(frozen=True)
class Paths:
    hops: Optional[int]   # shortest distance; None when no path within max_hops
    count: int            # exact number of shortest paths
    paths: List[Path]     # best first
    truncated: bool = False


@dataclasses.dataclass(frozen=True)
class Suggestion:
    member: int
    mutual: int
    score: float
    reasons: List[int]


class Suggestions(list):
    """A list of Suggestion, best first, with a `truncated` flag."""

    def __init__(self, items=(), truncated: bool = False):
        super().__init__(items)
        self.truncated = truncated


# ---- Options ----

_UNSET = object()


class _Options:
    """A liaison_options handle for one call, destroyed on exit."""

    def __init__(self, max_visited=None, timeout_ms=None, allow_partial=False, **fields):
        self.ptr = _L["options_create"]()
        if not self.ptr:
            raise MemoryError("liaison_options_create")
        try:
            if max_visited is not None:
                if not isinstance(max_visited, int) or max_visited < 0:
                    raise InvalidArgument(3, f"max_visited = {max_visited!r} is not a count")
                _call("options_set_max_visited", self.ptr, max_visited)
            if timeout_ms is not None:
                _call("options_set_timeout_ms", self.ptr, int(timeout_ms))
            if allow_partial:
                _call("options_set_allow_partial", self.ptr, 1)
            for name, value in fields.items():
                if value is _UNSET or value is None:
                    continue
                if name == "avoid":
                    ids = list(value)
                    _call("options_set_avoid", self.ptr, _u64_array(ids), len(ids))
                elif name == "where":
                    items = value.items() if isinstance(value, dict) else value
                    for column, text in items:
                        _call("options_add_where", self.ptr, column.encode(), str(text).encode())
                elif name == "score":
                    _call("options_set_score", self.ptr, value.encode())
                elif name in ("list", "include_longer"):
                    _call("options_set_" + name, self.ptr, 1 if value else 0)
                else:
                    if not isinstance(value, int) or isinstance(value, bool):
                        raise InvalidArgument(3, f"{name} must be an int, not {value!r}")
                    if value < 0 and name in ("k", "limit", "hub_cap"):
                        raise InvalidArgument(3, f"{name} = {value} is negative")
                    _call("options_set_" + name, self.ptr, value)
        except BaseException:
            self.close()
            raise

    def close(self):
        if self.ptr:
            _L["options_destroy"](self.ptr)
            self.ptr = None

    def __enter__(self):
        return self.ptr

    def __exit__(self, *exc):
        self.close()


# ---- Graphs ----


def _check_id(member) -> int:
    if not isinstance(member, int) or isinstance(member, bool) or not 0 <= member < 1 << 64:
        raise InvalidArgument(3, f"member id {member!r} is not an unsigned 64-bit integer")
    return member


class Graph:
    """A network opened, imported or built by libliaison. Immutable; safe to share across threads.
    Close it with close() or a `with` block (otherwise when garbage-collected)."""

    def __init__(self, handle: int):
        self._h = handle
        self._finalizer = weakref.finalize(self, _L["graph_close"], handle)

    def close(self) -> None:
        self._finalizer()
        self._h = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def _handle(self):
        if self._h is None:
            raise FailedPrecondition(9, "the graph is closed")
        return self._h

    # -- About the graph --

    @property
    def num_members(self) -> int:
        return _L["graph_num_members"](self._handle)

    @property
    def num_connections(self) -> int:
        return _L["graph_num_connections"](self._handle)

    def __len__(self) -> int:
        return self.num_members

    def __contains__(self, member) -> bool:
        return (isinstance(member, int) and 0 <= member < 1 << 64
                and bool(_L["graph_contains"](self._handle, member)))

    def member_at(self, index: int) -> int:
        """The id of the index-th member in ascending id order."""
        out = ctypes.c_uint64()
        _call("graph_member_at", self._handle, index, ctypes.byref(out))
        return out.value

    def members(self):
        """Every member id, ascending."""
        return (self.member_at(i) for i in range(self.num_members))

    def save(self, path: Union[str, os.PathLike]) -> None:
        """Writes the graph to a .liaison snapshot file (atomically)."""
        _call("graph_save", self._handle, os.fsencode(path))

    def stats(self) -> dict:
        """Sizes, degree distribution, memory per section and profile rates, as a dict."""
        out = ctypes.c_void_p()
        _call("graph_stats", self._handle, ctypes.byref(out))
        s = out.value
        try:
            result = {name: _L["stats_" + name](s) for name in (
                "members", "connections", "isolated_members", "degree_min", "degree_median",
                "degree_p99", "degree_max", "degree_mean", "topology_bytes",
                "topology_bytes_per_adjacency", "topology_bytes_per_member")}
            result["sections"] = {
                _L["stats_section_name"](s, i).decode(): _L["stats_section_bytes"](s, i)
                for i in range(_L["stats_num_sections"](s))}
            result["has_profiles"] = bool(_L["stats_has_profiles"](s))
            if result["has_profiles"]:
                rates = {}
                for name in ("in_members_file", "complete_profile", "no_profile", "has_photo",
                             "has_phone", "verified", "hides_connections", "no_introductions"):
                    value = ctypes.c_double()
                    _call("stats_rate", s, name.encode(), ctypes.byref(value))
                    rates[name] = value.value
                result["rates"] = rates
            return result
        finally:
            _L["stats_destroy"](s)

    # -- Queries --

    def degree(self, a: int, b: int, *, max_depth: Optional[int] = None, **budget) -> Degree:
        """Degree of connection from a (the viewer) to b; degree None beyond max_depth (3)."""
        out = ctypes.c_void_p()
        with _Options(max_depth=max_depth, **budget) as o:
            _call("degree", self._handle, o, _check_id(a), _check_id(b), ctypes.byref(out))
        r = out.value
        try:
            d = _L["degree_result_degree"](r)
            return Degree(None if d < 0 else d, _L["degree_result_mutual"](r),
                          bool(_L["degree_result_truncated"](r)))
        finally:
            _L["degree_result_destroy"](r)

    def degrees(self, a: int, targets: Iterable[int], *, max_depth: Optional[int] = None,
                **budget) -> List[DegreeTo]:
        """Degrees from a to many targets, answered together."""
        ids = [_check_id(t) for t in targets]
        out = ctypes.c_void_p()
        with _Options(max_depth=max_depth, **budget) as o:
            _call("degree_many", self._handle, o, _check_id(a), _u64_array(ids), len(ids),
                  ctypes.byref(out))
        r = out.value
        try:
            result = []
            for i in range(_L["degree_results_count"](r)):
                d = _L["degree_results_degree"](r, i)
                result.append(DegreeTo(_L["degree_results_to"](r, i), None if d < 0 else d,
                                       _L["degree_results_mutual"](r, i),
                                       bool(_L["degree_results_truncated"](r, i))))
            return result
        finally:
            _L["degree_results_destroy"](r)

    def reach(self, a: int, *, depth: Optional[int] = None, list: bool = False,
              limit: Optional[int] = None, where=None, **budget) -> Reach:
        """Members within `depth` (3) of a, counted per distance; listed when list=True.
        `where` filters on text columns: {"company": "Acme"} or [("company", "Acme")]."""
        out = ctypes.c_void_p()
        with _Options(depth=depth, list=list, limit=limit, where=where, **budget) as o:
            _call("reach", self._handle, o, _check_id(a), ctypes.byref(out))
        r = out.value
        try:
            levels = _L["reach_result_levels"](r)
            n_levels = _L["reach_result_num_levels"](r)
            listed = _L["reach_result_listed"](r)
            dist = _L["reach_result_listed_distances"](r)
            n_listed = _L["reach_result_num_listed"](r)
            return Reach(levels=levels[:n_levels] if n_levels else [],
                         total=_L["reach_result_total"](r),
                         members=([(listed[i], dist[i]) for i in range(n_listed)]
                                  if n_listed else []),
                         truncated=bool(_L["reach_result_truncated"](r)))
        finally:
            _L["reach_result_destroy"](r)

    def paths(self, a: int, b: int, *, k: Optional[int] = None, max_hops: Optional[int] = None,
              include_longer: bool = False, avoid: Iterable[int] = (), **budget) -> Paths:
        """The warmest introduction paths from a (the viewer) to b, best first."""
        avoid = [_check_id(x) for x in avoid]
        out = ctypes.c_void_p()
        with _Options(k=k, max_hops=max_hops, include_longer=include_longer, avoid=avoid,
                      **budget) as o:
            _call("paths", self._handle, o, _check_id(a), _check_id(b), ctypes.byref(out))
        r = out.value
        try:
            result = []
            for i in range(_L["paths_result_num_paths"](r)):
                members = _pu64()
                n = _L["paths_result_path"](r, i, ctypes.byref(members))
                hops = []
                for j in range(n - 1):
                    since = _L["paths_result_hop_since"](r, i, j)
                    hops.append(Hop(_L["paths_result_hop_strength"](r, i, j),
                                    since.decode() if since is not None else None))
                result.append(Path(members[:n], _L["paths_result_warmth"](r, i), hops))
            h = _L["paths_result_hops"](r)
            return Paths(None if h < 0 else h, _L["paths_result_count"](r), result,
                         bool(_L["paths_result_truncated"](r)))
        finally:
            _L["paths_result_destroy"](r)

    def mutual(self, a: int, b: int) -> List[int]:
        """The connections a (the viewer) and b have in common, ascending."""
        out = ctypes.c_void_p()
        _call("mutual", self._handle, _check_id(a), _check_id(b), ctypes.byref(out))
        r = out.value
        try:
            n = _L["mutual_result_count"](r)
            return _L["mutual_result_members"](r)[:n] if n else []
        finally:
            _L["mutual_result_destroy"](r)

    def suggest(self, a: int, *, k: Optional[int] = None, score: Optional[str] = None,
                hub_cap: Optional[int] = None, **budget) -> Suggestions:
        """People a may know, best first; score is "common" (default), "jaccard",
        "adamic-adar" or "resource-allocation"."""
        out = ctypes.c_void_p()
        with _Options(k=k, score=score, hub_cap=hub_cap, **budget) as o:
            _call("suggest", self._handle, o, _check_id(a), ctypes.byref(out))
        r = out.value
        try:
            items = []
            for i in range(_L["suggest_result_count"](r)):
                reasons = _pu64()
                n = _L["suggest_result_reasons"](r, i, ctypes.byref(reasons))
                items.append(Suggestion(_L["suggest_result_member"](r, i),
                                        _L["suggest_result_mutual"](r, i),
                                        _L["suggest_result_score"](r, i),
                                        reasons[:n] if n else []))
            return Suggestions(items, bool(_L["suggest_result_truncated"](r)))
        finally:
            _L["suggest_result_destroy"](r)

    # -- JSON (DESIGN.md §5) --

    def query_json(self, request: Union[str, dict]) -> dict:
        """Answers one request ({"op": "degree", "from": 1, "to": 2}) with the parsed answer;
        errors are answered as {"error": {...}}, not raised."""
        text = (json.dumps(request) if isinstance(request, dict) else request).encode()
        answer, length = ctypes.c_void_p(), ctypes.c_size_t()
        _call("query_json", self._handle, text, len(text), ctypes.byref(answer),
              ctypes.byref(length))
        try:
            return json.loads(ctypes.string_at(answer.value, length.value))
        finally:
            _L["free"](answer)

    def query_json_lines(self, text: Union[str, bytes], *, threads: int = 0) -> str:
        """Answers JSON lines (one request per line) with JSON lines, in input order."""
        data = text.encode() if isinstance(text, str) else bytes(text)
        answer, length = ctypes.c_void_p(), ctypes.c_size_t()
        with _Options(threads=threads) as o:
            _call("query_json_lines", self._handle, o, data, len(data), ctypes.byref(answer),
                  ctypes.byref(length))
        try:
            return ctypes.string_at(answer.value, length.value).decode()
        finally:
            _L["free"](answer)


def _new_graph(function: str, *args) -> Graph:
    out = ctypes.c_void_p()
    _call(function, *args, ctypes.byref(out))
    return Graph(out.value)


def open(  # noqa: A001
    path: Union[str, os.PathLike], *, verify: bool = False, in_memory: bool = False
) -> Graph:
    """Opens a .liaison snapshot file (verify=True also checks every checksum; in_memory=True
    copies it into memory on huge pages, for faster queries)."""
    flags = (1 if verify else 0) | (2 if in_memory else 0)
    return _new_graph("graph_open", os.fsencode(path), flags)


def import_graph(connections: Union[str, os.PathLike],
                 members: Optional[Union[str, os.PathLike]] = None, *,
                 skip_bad: bool = False) -> Graph:
    """Imports a connections text file (and a members file) into a graph in memory."""
    return _new_graph("graph_import", os.fsencode(connections),
                      os.fsencode(members) if members is not None else None,
                      1 if skip_bad else 0)


def build(edges: Iterable[Tuple[int, int]], strengths: Optional[Sequence[float]] = None) -> Graph:
    """Builds a graph from (a, b) pairs (and optional strengths in [0, 1])."""
    pairs = [(_check_id(a), _check_id(b)) for a, b in edges]
    a = _u64_array([p[0] for p in pairs])
    b = _u64_array([p[1] for p in pairs])
    s = None
    if strengths is not None:
        strengths = list(strengths)
        if len(strengths) != len(pairs):
            raise InvalidArgument(3, f"{len(strengths)} strengths for {len(pairs)} edges")
        s = (ctypes.c_float * len(strengths))(*strengths)
    return _new_graph("graph_build", a, b, s, len(pairs))
