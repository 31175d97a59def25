import time, pytest
from django.db import transaction
from mimis.demo.services import load_demo_data
from mimis.taxonomy import services
from mimis.taxonomy.importers.base import ImportReport

@pytest.mark.django_db
def test_time():
    for i in range(2):
        t=time.perf_counter(); services._parse_bundle(ImportReport(source="jobtech")); print(f"\nPARSE {i} {time.perf_counter()-t:.2f}s")
    t=time.perf_counter(); services.import_jobtech(); print(f"IMPORT bundled (parse cached) {time.perf_counter()-t:.2f}s")
    t=time.perf_counter(); services.import_jobtech(); print(f"REIMPORT bundled {time.perf_counter()-t:.2f}s")
    t=time.perf_counter(); load_demo_data(); print(f"DEMO after import {time.perf_counter()-t:.2f}s")
    t=time.perf_counter(); load_demo_data(); print(f"DEMO again {time.perf_counter()-t:.2f}s")
