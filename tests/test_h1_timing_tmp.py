import time, pytest
from mimis.demo.services import load_demo_data
from mimis.taxonomy.services import import_jobtech

@pytest.mark.django_db
def test_time_demo():
    t=time.perf_counter(); load_demo_data(); a=time.perf_counter()-t
    t=time.perf_counter(); load_demo_data(); b=time.perf_counter()-t
    print(f"\nDEMO first {a:.2f}s second {b:.2f}s")

@pytest.mark.django_db
def test_time_import():
    t=time.perf_counter(); r=import_jobtech(directory="/work/shared/taxonomy/jobtech"); a=time.perf_counter()-t
    t=time.perf_counter(); import_jobtech(directory="/work/shared/taxonomy/jobtech"); b=time.perf_counter()-t
    print(f"\nIMPORT first {a:.2f}s second {b:.2f}s")
