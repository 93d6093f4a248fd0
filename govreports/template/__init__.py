"""The national template as data (see :mod:`govreports.template.national`)."""

from govreports.template.national import (
    ACTIVE_DISCLOSURE,
    APPLICATIONS,
    CHECKS,
    EDITIONS,
    REVIEWS_LITIGATION,
    SECTIONS,
    TABLES,
    TEMPLATE_TABLES,
    cell_codes,
)

__all__ = [
    "ACTIVE_DISCLOSURE",
    "APPLICATIONS",
    "CHECKS",
    "EDITIONS",
    "REVIEWS_LITIGATION",
    "SECTIONS",
    "TABLES",
    "TEMPLATE_TABLES",
    "cell_codes",
]
