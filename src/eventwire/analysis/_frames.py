"""DuckDB results as pandas DataFrames through Arrow: the frame DuckDB's own ``df()`` gives,
column for column (dtypes, values, missing values), in a fraction of the time.

``df()`` makes a Python object of every string, which pandas 3 then packs back into an
Arrow-backed ``str`` array: 130–190 ms of the 450–500 ms ``timeline("C150")`` took on the
10 M-event benchmark (72,177 rows, benchmarks/queries.py); through Arrow the strings stay in
Arrow buffers and the whole conversion takes a few milliseconds.

The rules are those of ``df()`` with DuckDB 1.5 and pandas 3 (tests/analysis/test_frames.py
compares the two on every rule, so an upgrade that changes ``df()`` fails there):

- VARCHAR: pandas' ``str`` dtype, NULL as NaN; but ``object`` (NULL as None) when every value
  is NULL, and so also when there are no rows (pandas infers ``str`` only from strings);
- integers and BOOLEAN: the NumPy dtype of the width, or pandas' nullable dtype (``Int32``,
  ``boolean``...) when the column has a NULL;
- FLOAT and DOUBLE: NumPy floats, NULL as NaN;
- DATE and TIMESTAMP: ``datetime64[us]``, NULL as NaT.

A result with any other type, or with a column name twice (``df()`` renames the second
``x_1``), is converted by DuckDB itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

__all__ = ["arrow_frame", "convertible_types", "result_frame"]

Converter = Callable[[pa.ChunkedArray], Any]

# pandas 3's default string dtype, the one ``df()`` gives: Arrow-backed, missing as NaN.
_STR = pd.StringDtype("pyarrow", na_value=np.nan)


def _strings(column: pa.ChunkedArray) -> Any:
    if column.null_count == len(column):
        return np.full(len(column), None, dtype=object)
    return _STR.__from_arrow__(column)


def _numbers(nullable: pd.api.extensions.ExtensionDtype) -> Converter:
    """Integers or booleans: NumPy without NULLs, ``nullable`` with."""

    def convert(column: pa.ChunkedArray) -> Any:
        if column.null_count:
            return nullable.__from_arrow__(column)
        return column.to_numpy()

    return convert


def _floats(column: pa.ChunkedArray) -> Any:
    return column.to_numpy()


def _days(column: pa.ChunkedArray) -> Any:
    return column.cast(pa.timestamp("us")).to_numpy()


# DuckDB's type names (``str`` of a result description's type) and their conversions.
_CONVERTERS: dict[str, Converter] = {
    "VARCHAR": _strings,
    "BOOLEAN": _numbers(pd.BooleanDtype()),
    "TINYINT": _numbers(pd.Int8Dtype()),
    "SMALLINT": _numbers(pd.Int16Dtype()),
    "INTEGER": _numbers(pd.Int32Dtype()),
    "BIGINT": _numbers(pd.Int64Dtype()),
    "UTINYINT": _numbers(pd.UInt8Dtype()),
    "USMALLINT": _numbers(pd.UInt16Dtype()),
    "UINTEGER": _numbers(pd.UInt32Dtype()),
    "UBIGINT": _numbers(pd.UInt64Dtype()),
    "FLOAT": _floats,
    "DOUBLE": _floats,
    "DATE": _days,
    "TIMESTAMP": _days,
}


def convertible_types(result: duckdb.DuckDBPyConnection) -> list[str] | None:
    """The DuckDB type names of the columns of the query just executed on ``result`` when
    ``arrow_frame`` converts them as ``df()`` would; None when it does not (a type without a
    rule here, a column name twice, or no columns)."""
    description = result.description or []
    names = [str(column[0]) for column in description]
    types = [str(column[1]) for column in description]
    if not names or len(set(names)) < len(names) or any(t not in _CONVERTERS for t in types):
        return None
    return types


def arrow_frame(table: pa.Table, types: list[str]) -> pd.DataFrame:
    """``table`` (columns of the DuckDB types ``types``, from ``convertible_types``) as the
    DataFrame ``df()`` gives for the same rows."""
    columns = {
        name: _CONVERTERS[kind](table.column(i))
        for i, (name, kind) in enumerate(zip(table.column_names, types, strict=True))
    }
    return pd.DataFrame(columns, index=pd.RangeIndex(table.num_rows))


def result_frame(result: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The rows of the query just executed on ``result`` as the DataFrame ``result.df()``
    would give."""
    types = convertible_types(result)
    if types is None:
        return result.df()
    return arrow_frame(result.to_arrow_table(), types)
