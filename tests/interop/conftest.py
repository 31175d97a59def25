from tests.catalog.conftest import COMPLETE, care_sector, draft, skills  # noqa: F401
