"""The shipped data set, validated once and kept in the user's cache directory.

Loading the catalog validates 37 stretch files with pydantic and checks every figure's poses
(figure_check), about half of `supple catalog`'s start. The data files stay the truth: the cache
holds what `load_dataset` made of them, under a key of their contents and of the code that
reads them (the data loader and the domain models: name, size and modification time, as
Python's own bytecode cache does), the Python and pydantic versions. Any change to one of them
is a new key, so a cached data set is never stale; an unreadable or corrupt cache file is
ignored and loaded afresh, and a cache that cannot be written (a read-only home) costs only
the time.

The cache is a pickle in the user's own cache directory (XDG_CACHE_HOME/supple), like the
bytecode Python runs from: anyone who can write there can already run code as that user.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from supple.data.loader import DataSet

#: Bumped when the cache's own format changes.
FORMAT = 1
PREFIX = "dataset-"


def cache_dir() -> Path:
    from supple.cache_dir import cache_folder

    return Path(cache_folder())


def _data_files(root: Any, prefix: str = "") -> list[tuple[str, Any]]:
    out = []
    for entry in root.iterdir():
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            if entry.name != "__pycache__":
                out += _data_files(entry, f"{name}/")
        elif entry.name.endswith(".toml"):
            out.append((name, entry))
    return sorted(out, key=lambda item: item[0])


def _code_files() -> list[Path]:
    import supple.data.loader
    import supple.domain

    domain = Path(supple.domain.__file__).parent
    return [Path(supple.data.loader.__file__), *sorted(domain.glob("*.py"))]


def cache_key(root: Any) -> str:
    """A digest of everything the loaded data set depends on."""
    import pydantic

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}\0{sys.version}\0{pydantic.VERSION}\0".encode())
    for name, entry in _data_files(root):
        if isinstance(entry, Path):
            st = entry.stat()
            h.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        else:  # package data inside an archive: no times to go by
            data = entry.read_bytes()
            h.update(f"{name}\0{len(data)}\0".encode())
            h.update(data)
    for path in _code_files():
        st = path.stat()
        h.update(f"{path.name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def cached_dataset(root: Any = None, folder: Path | None = None) -> DataSet:
    """`load_dataset(root)`, from the cache in `folder` (default: `cache_dir()`) when it holds
    the data set for these very files and this code; loaded, validated and kept otherwise."""
    from supple.data.loader import DataSet, _data_root, load_dataset

    root = _data_root() if root is None else root
    try:
        key = cache_key(root)
        folder = cache_dir() if folder is None else folder
    except OSError:
        return load_dataset(root)
    file = folder / f"{PREFIX}{key}.pickle"
    try:
        with open(file, "rb") as f:
            found = pickle.load(f)
        if isinstance(found, DataSet):
            return found
    except Exception:  # none yet, or corrupt or foreign: only a cold start
        pass
    data = load_dataset(root)  # raises DataError for a bad file: nothing is cached then
    _keep(folder, file, data)
    return data


def _keep(folder: Path, file: Path, data: DataSet) -> None:
    """Write the cache file whole (a temporary file renamed over it), dropping older keys."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".dataset-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in folder.glob(f"{PREFIX}*.pickle"):
            if old != file:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full cache directory: the next start loads afresh
