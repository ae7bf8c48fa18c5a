"""The validated data set kept in the cache directory (supple/data/cache.py) is what loading the
files gives, and any change to the files makes it load and validate them again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from supple.data.cache import PREFIX, cached_dataset
from supple.data.loader import DataError, DataSet, load_dataset
from tests.data.test_catalog_data import copy_data

STRETCH = "stretches/bridge.toml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def _same(a: DataSet, b: DataSet) -> None:
    assert [s.model_dump() for s in a.catalog] == [s.model_dump() for s in b.catalog]
    assert {k: v.model_dump() for k, v in a.sources.items()} == {
        k: v.model_dump() for k, v in b.sources.items()
    }
    assert a.anatomy.model_dump() == b.anatomy.model_dump()
    assert [q.model_dump() for q in a.questions] == [q.model_dump() for q in b.questions]
    assert [t.model_dump() for t in a.learn] == [t.model_dump() for t in b.learn]


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{PREFIX}*.pickle"))


def _edit(root: Path, old: str, new: str) -> None:
    path = root / STRETCH
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    st = path.stat()  # a new modification time even within the file system's tick
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_the_cached_data_set_is_the_loaded_one(root: Path, folder: Path):
    first = cached_dataset(root, folder)
    [kept] = _files(folder)
    again = cached_dataset(root, folder)
    assert again is not first  # read back from the file
    _same(again, load_dataset(root))
    assert _files(folder) == [kept]


def test_a_changed_file_is_loaded_again(root: Path, folder: Path):
    cached_dataset(root, folder)
    [before] = _files(folder)
    _edit(root, 'name = "Bridge"', 'name = "Glute bridge"')
    changed = cached_dataset(root, folder)
    assert changed.catalog.get("bridge").name == "Glute bridge"
    [after] = _files(folder)  # the old key is dropped
    assert after != before
    assert cached_dataset(root, folder).catalog.get("bridge").name == "Glute bridge"


def test_a_broken_file_is_refused_even_after_caching(root: Path, folder: Path):
    """The files stay the truth: a cached data set never hides a broken one."""
    cached_dataset(root, folder)
    _edit(root, 'name = "Bridge"', "name = 42")
    with pytest.raises(DataError) as e:
        cached_dataset(root, folder)
    assert e.value.file == STRETCH


def test_a_corrupt_cache_file_is_only_a_cold_start(root: Path, folder: Path):
    cached_dataset(root, folder)
    [kept] = _files(folder)
    kept.write_bytes(b"not a pickle at all")
    _same(cached_dataset(root, folder), load_dataset(root))
    assert kept.read_bytes() != b"not a pickle at all"  # written afresh


def test_an_unwritable_cache_folder_still_loads(root: Path, tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    _same(cached_dataset(root, blocker / "cache"), load_dataset(root))
