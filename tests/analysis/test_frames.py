"""Query results as DataFrames through Arrow (``analysis._frames``, issue 7) are the frames
DuckDB's own ``df()`` gives: same columns, dtypes, values and missing values, rule by rule."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from eventwire.analysis._frames import convertible_types, result_frame
from eventwire.analysis._sql import cameo_labels, ensure_codebook, fetch

# One row of every type the conversion handles, then the same columns NULL.
_TYPED = """
    SELECT * FROM (VALUES
        ('a', true, 1::TINYINT, 2::SMALLINT, 3::INTEGER, 4::BIGINT, 5::UTINYINT,
         6::USMALLINT, 7::UINTEGER, 8::UBIGINT, 1.5::FLOAT, 2.5::DOUBLE, DATE '2024-06-19',
         TIMESTAMP '2024-06-19 10:30:00'),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
    ) t(s, b, i1, i2, i4, i8, u1, u2, u4, u8, f4, f8, d, ts)
"""

CASES: dict[str, str] = {
    "values": f"SELECT * FROM ({_TYPED}) WHERE s IS NOT NULL",
    "values and NULLs": f"SELECT * FROM ({_TYPED}) ORDER BY s NULLS LAST",
    "every value NULL": f"SELECT * FROM ({_TYPED}) WHERE s IS NULL",
    "no rows": f"SELECT * FROM ({_TYPED}) WHERE false",
    "untyped NULL": "SELECT NULL AS x",
    "strings, one in three NULL": (
        "SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE 'row ' || i END AS s FROM range(10) r(i)"
    ),
    # ``to_arrow_table`` cuts results into batches of a million rows.
    "more rows than one Arrow batch": (
        "SELECT CASE WHEN i = 1000000 THEN NULL ELSE i END::INTEGER AS n,"
        " 'r' || (i % 7) AS s, DATE '2000-01-01' + (i % 9000)::INTEGER AS d"
        " FROM range(1000001) r(i)"
    ),
}
# Results the conversion leaves to DuckDB.
FALLBACKS: dict[str, str] = {
    "decimal": "SELECT 1.5 AS x, 'a' AS s",
    "list": "SELECT [1, 2] AS x",
    "struct": "SELECT {'a': 1} AS x",
    "interval": "SELECT INTERVAL 1 DAY AS x",
    "time": "SELECT TIME '10:30:00' AS x",
    "uuid": "SELECT '6ba7b810-9dad-11d1-80b4-00c04fd430c8'::UUID AS x",
    "a name twice": "SELECT 1 AS x, 'a' AS x",
}


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    yield connection
    connection.close()


def assert_same_frame(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Equal frames, and equal to the letter: dtypes, index and column index types, and the
    missing values themselves (None and NaN are not the same to a caller)."""
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert list(got.dtypes) == list(expected.dtypes)
    assert list(got.columns) == list(expected.columns)
    assert got.columns.dtype == expected.columns.dtype
    assert type(got.index) is type(expected.index)
    for name in range(got.shape[1]):
        got_values = [repr(v) for v in got.iloc[:, name].head(1000)]
        assert got_values == [repr(v) for v in expected.iloc[:, name].head(1000)]


@pytest.mark.parametrize("sql", [*CASES.values(), *FALLBACKS.values()], ids=[*CASES, *FALLBACKS])
def test_fetch_gives_the_frame_duckdb_gives(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    assert_same_frame(fetch(con, sql, [], arrow=False), con.execute(sql).df())


@pytest.mark.parametrize("name", list(CASES))
def test_the_cases_go_through_arrow(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Guards the comparison above against testing DuckDB with itself."""
    assert convertible_types(con.execute(CASES[name])) is not None


@pytest.mark.parametrize("name", list(FALLBACKS))
def test_other_types_are_left_to_duckdb(con: duckdb.DuckDBPyConnection, name: str) -> None:
    assert convertible_types(con.execute(FALLBACKS[name])) is None


def test_fetch_as_arrow_is_duckdbs_arrow(con: duckdb.DuckDBPyConnection) -> None:
    sql = CASES["values and NULLs"]
    assert fetch(con, sql, [], arrow=True).equals(con.execute(sql).to_arrow_table())


# The rules, written out: a change in DuckDB's ``df()`` fails the comparisons above, a change
# in ours these as well.
STR = pd.StringDtype("pyarrow", na_value=np.nan)
RULES: list[tuple[str, str, Any, list[str]]] = [
    # (case, column, dtype, reprs of the values as iterating the column gives them)
    ("values and NULLs", "s", STR, ["'a'", "nan"]),
    ("every value NULL", "s", np.dtype(object), ["None"]),
    ("no rows", "s", np.dtype(object), []),
    ("values", "i1", np.dtype("int8"), ["1"]),
    ("values and NULLs", "i1", pd.Int8Dtype(), ["np.int8(1)", "<NA>"]),
    ("values and NULLs", "i4", pd.Int32Dtype(), ["np.int32(3)", "<NA>"]),
    ("values", "i8", np.dtype("int64"), ["4"]),
    ("values and NULLs", "u8", pd.UInt64Dtype(), ["np.uint64(8)", "<NA>"]),
    ("no rows", "i4", np.dtype("int32"), []),
    ("every value NULL", "i4", pd.Int32Dtype(), ["<NA>"]),
    ("untyped NULL", "x", pd.Int32Dtype(), ["<NA>"]),
    ("values", "b", np.dtype(bool), ["True"]),
    ("values and NULLs", "b", pd.BooleanDtype(), ["np.True_", "<NA>"]),
    ("values and NULLs", "f4", np.dtype("float32"), ["1.5", "nan"]),
    ("values and NULLs", "f8", np.dtype("float64"), ["2.5", "nan"]),
    (
        "values and NULLs",
        "d",
        np.dtype("datetime64[us]"),
        ["Timestamp('2024-06-19 00:00:00')", "NaT"],
    ),
    ("no rows", "d", np.dtype("datetime64[us]"), []),
    (
        "values and NULLs",
        "ts",
        np.dtype("datetime64[us]"),
        ["Timestamp('2024-06-19 10:30:00')", "NaT"],
    ),
]


@pytest.mark.parametrize(("case", "column", "dtype", "values"), RULES)
def test_conversion_rules(
    con: duckdb.DuckDBPyConnection, case: str, column: str, dtype: Any, values: list[str]
) -> None:
    frame = result_frame(con.execute(CASES[case]))
    assert frame[column].dtype == dtype
    assert [repr(v) for v in frame[column]] == values


def test_strings_stay_strings_across_batches(con: duckdb.DuckDBPyConnection) -> None:
    frame = result_frame(con.execute(CASES["more rows than one Arrow batch"]))
    assert frame["s"].dtype == STR
    assert frame["n"].dtype == pd.Int32Dtype()
    assert frame["n"].isna().sum() == 1
    assert frame["d"].iloc[-1] == pd.Timestamp(2000, 1, 1) + pd.Timedelta(days=1000000 % 9000)


@pytest.mark.parametrize("chunks", [1, 3])
def test_cameo_labels_are_the_codebook_join(con: duckdb.DuckDBPyConnection, chunks: int) -> None:
    """``cameo_labels`` (the timeline's lookup in Arrow) gives what the LEFT JOIN with the
    codebook gives: the label, or NULL for an unknown code and for a missing one."""
    codes = ["057", "190", "999", None, "0", "057", "1411"]
    ensure_codebook(con)
    joined = con.execute(
        "SELECT c.label FROM unnest(?) WITH ORDINALITY AS u(code, n)"
        " LEFT JOIN cameo_codebook c USING (code) ORDER BY n",
        [codes],
    ).fetchall()
    size = -(-len(codes) // chunks)
    column = pa.chunked_array(
        [pa.array(codes[i : i + size], pa.string()) for i in range(0, len(codes), size)]
    )
    labels = cameo_labels(column)
    assert labels.to_pylist() == [row[0] for row in joined]
    assert labels.type == pa.string()
    assert labels.to_pylist()[:2] == ["Sign formal agreement", "Use conventional military force"]
    assert labels.null_count == 3
