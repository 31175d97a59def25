"""The catalogue fixtures (a complete draft) serve the recognition tests too."""

from tests.catalog.conftest import care_sector, draft, skills  # noqa: F401
