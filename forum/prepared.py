"""Queries whose SQL never changes, compiled once per process and database.

Django turns a queryset into SQL on every request; for a small hot query (the
home page's latest threads) that costs more than running it. A `Prepared`
query is built and compiled the first time, then only executed: the same SQL,
the same parameters and the same conversion of values as the queryset gives
(`values_list` rows), one query each time, seen by Django's query log.

Only for querysets whose parameters are constants (no times, no viewer).
"""

from django.db import connections


class Prepared:
    def __init__(self, build):
        self.build = build  # a values_list queryset, built when first needed
        self._compiled: dict[str, tuple] = {}

    def _compile(self, alias: str) -> tuple:
        compiled = self._compiled.get(alias)
        if compiled is None:
            compiler = self.build().query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            columns = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
            compiled = (sql, params, compiler, compiler.get_converters(columns))
            self._compiled[alias] = compiled
        return compiled

    def rows(self, alias: str = "default") -> list[tuple]:
        sql, params, compiler, converters = self._compile(alias)
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = compiler.apply_converters(rows, converters)
        return [tuple(row) for row in rows]
