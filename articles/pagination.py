"""Pagination of public lists with a bounded count.

``Paginator`` counts every matching row (``COUNT(*)``), which grows with the archive:
at 100,000 articles a category page spent more time counting than showing. Here the
count stops at ``CAP`` rows (``SELECT COUNT(*) FROM (… LIMIT CAP + 1)``): lists up to
that size show "page 3 of 40" exactly, longer ones "page 3 of more than 100", and any
page number still works (an ``OFFSET``), with "older" shown while a further row exists.
"""

from functools import cached_property

from django.core.paginator import Page, Paginator

CAP = 360


class CappedPaginator(Paginator):
    cap = CAP

    @cached_property
    def count(self):
        # unordered: which CAP + 1 rows are counted does not matter, and without the
        # ORDER BY PostgreSQL may take them from any index (the category/agency
        # partial indexes, the writer's or tag's rows)
        counter = getattr(self.object_list, "capped_count", None)
        if counter is not None:  # articles.compiled_lists
            return counter(self.cap + 1)
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self):
        """True when there are more rows than were counted."""
        return self.count > self.cap

    @cached_property
    def num_pages(self):
        if self.capped:
            return self.cap // self.per_page
        return super().num_pages

    def validate_number(self, number):
        if self.capped:
            # past the counted rows: any positive page number, empty pages are checked
            # by the caller
            return int(number) if int(number) >= 1 else super().validate_number(number)
        return super().validate_number(number)

    def page(self, number):
        number = self.validate_number(number)
        if not self.capped or number < self.num_pages:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        return CappedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)


class CappedPage(Page):
    def __init__(self, object_list, number, paginator, more):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self):
        return self.more

    def end_index(self):
        return self.start_index() + len(self.object_list) - 1


def counted_page(queryset, number, per_page, cap):
    """One page of a bounded result set (search: at most ``cap + 1`` rows) whose total
    comes from a ``COUNT(*) OVER ()`` column in the same query: one query instead of
    two. Only a page past the end asks for the count separately."""
    from django.db.models import Count, Window

    bottom = (number - 1) * per_page
    rows = list(queryset.annotate(result_total=Window(Count("pk")))[bottom : bottom + per_page])
    paginator = CappedPaginator(queryset, per_page, allow_empty_first_page=True)
    paginator.cap = cap
    if rows:
        paginator.count = rows[0].result_total  # sets the cached_property
    elif number == 1:
        paginator.count = 0
    page = Page(rows, number, paginator)
    if paginator.capped and rows and number >= paginator.num_pages:
        page = CappedPage(rows, number, paginator, more=bottom + len(rows) < paginator.count)
    return page
