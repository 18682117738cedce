"""examples/dask_archive.py on a small LocalCluster gives the single-process timeline."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from test_scale import _archive

import timeline

dask_bag = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.dask
def test_dask_archive_equals_one_process(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    assert dask_bag.read_text(str(archive), blocksize=8_000).npartitions > 2
    example = runpy.run_path(str(ROOT / "examples" / "dask_archive.py"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        # small blocks: the 11 articles fall into several partitions
        result = example["extract_archive"](archive, client, blocksize=8_000)
        unmerged = example["extract_archive"](archive, client, blocksize=8_000, merge=False)
    one = timeline.extract(archive)
    assert result.documents == one.documents and len(result.documents) == 11
    assert result.render("json")[0] == one.render("json")[0]
    assert unmerged.render("jsonl")[0] == timeline.extract(archive, merge=False).render("jsonl")[0]
    assert len(unmerged) > len(result)
    assert result.key_dates(5) == one.key_dates(5) and len(one.key_dates(5)) == 5
