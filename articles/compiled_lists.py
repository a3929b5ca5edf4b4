"""Public lists whose page and capped count are compiled once per shape and process
(publishing.statements): for a category page, building and compiling its two queries
in Python cost more than PostgreSQL spent running them.

A ``CompiledList`` is what ``CappedPaginator`` pages through: slicing it gives the
teasers of one page, ``capped_count(limit)`` counts at most ``limit`` rows. The shape
of a page's statement includes its LIMIT and OFFSET (Django writes them into the SQL),
so only the first ``MAX_COMPILED_ROW`` rows are compiled; deeper pages are built the
ordinary way (a bounded number of shapes per list whatever page numbers people ask for).
"""

from django.db import connection

from publishing import statements

MAX_COMPILED_ROW = 600


class CompiledList:
    def __init__(self, name, page, count, inputs):
        """``page(inputs, start, stop)``: the queryset of the rows ``start:stop``;
        ``count(inputs)``: the (unordered) queryset whose rows are counted; ``inputs``:
        name -> value, the only values the statements may differ in."""
        self.name, self.page, self.count, self.inputs = name, page, count, inputs

    def __getitem__(self, bounds):
        start, stop = bounds.start or 0, bounds.stop
        if stop is None or stop > MAX_COMPILED_ROW:
            return list(self.page(self.inputs, start, stop))
        key = (self.name, connection.vendor, start, stop)
        return statements.instances(key, lambda i: self.page(i, start, stop), self.inputs)

    def capped_count(self, limit):
        def build(inputs):
            rows = self.count(inputs).order_by().values("pk")[:limit]
            sql, params = rows.query.sql_with_params()
            return f"SELECT COUNT(*) FROM ({sql}) AS counted", list(params)

        key = (self.name, connection.vendor, "count", limit)
        return statements.fetchall(key, build, self.inputs)[0][0]
