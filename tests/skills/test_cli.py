"""``mimis skills suggest FILE|-``: the API's JSON on stdout, exit code 2 and a reason for bad input."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mimis.skills.errors import MAX_TEXT_CHARS
from tests.skills.conftest import AD

pytestmark = pytest.mark.django_db


def run(*args: str, stdin: str | None = None) -> dict:
    out = io.StringIO()
    options = {"stdout": out}
    if stdin is not None:
        options["stdin"] = io.StringIO(stdin)
    call_command("skills", "suggest", *args, **options)
    return json.loads(out.getvalue())


class TestSuggest:
    def test_prints_the_same_json_as_the_api_for_a_file(self, care_skills, tmp_path):
        path = tmp_path / "annons.txt"
        path.write_text(AD, encoding="utf-8")
        result = run(str(path), "--language", "sv")
        assert set(result) == {"skills", "methods", "taxonomy_version", "language"}
        labels = [skill["label"] for skill in result["skills"]]
        assert "Demensvård" in labels and "Truckkörning" in labels
        for skill in result["skills"]:
            assert set(skill) == {"id", "source_id", "label", "score", "required", "method", "spans"}
            for span in skill["spans"]:
                assert AD[span["start"] : span["end"]] == span["text"]

    def test_reads_standard_input_with_a_dash(self, care_skills):
        assert [s["label"] for s in run("-", stdin="Truckkörning")["skills"]] == ["Truckkörning"]

    def test_the_json_is_utf8_and_indented(self, care_skills, tmp_path):
        path = tmp_path / "a.txt"
        path.write_text("Demensvård", encoding="utf-8")
        out = io.StringIO()
        call_command("skills", "suggest", str(path), stdout=out)
        assert '"label": "Demensvård"' in out.getvalue()  # not \\u00e5
        assert '\n  "skills": [' in out.getvalue()

    @pytest.mark.parametrize(
        ("content", "code_word"),
        [
            (None, "Det finns ingen fil"),
            (b"", "Skriv eller klistra in"),
            (b"a" * (MAX_TEXT_CHARS + 1), "20 000"),
            (b"a" * (MAX_TEXT_CHARS * 5), "20 000"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binär"),
            ("Demensvård".encode("latin-1"), "UTF-8"),
        ],
    )
    def test_bad_input_exits_with_code_2_and_says_why(self, care_skills, tmp_path, content, code_word):
        path = tmp_path / "in.txt"
        if content is not None:
            path.write_bytes(content)
        with pytest.raises(CommandError) as raised:
            run(str(path))
        assert raised.value.returncode == 2
        assert code_word in str(raised.value)


def test_the_mimis_command_prints_json_and_exits_2_on_bad_input(tmp_path):
    """Once through the installed entry point, on its own data folder with two skills."""
    # Its own data folder and SQLite database: never the real DATABASE_URL, which other runs share.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "MIMIS_DATA_DIR": str(tmp_path / "data")
    }
    mimis = [str(Path(sys.executable).with_name("mimis"))]  # the installed console script
    subprocess.run([*mimis, "migrate", "-v0"], env=env, check=True, capture_output=True)
    subprocess.run(
        [
            *mimis,
            "shell",
            "-c",
            "from mimis.taxonomy.models import Concept; "
            "Concept.objects.create(scheme='skill', source='jobtech', source_id='x1', preferred_label='Demensvård')",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    ad = tmp_path / "ad.txt"
    ad.write_text("Erfarenhet av Demensvård.", encoding="utf-8")
    done = subprocess.run([*mimis, "skills", "suggest", str(ad)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["skills"][0]["label"] == "Demensvård"
    piped = subprocess.run(
        [*mimis, "skills", "suggest", "-"], env=env, input="Demensvård", capture_output=True, text=True
    )
    assert json.loads(piped.stdout)["skills"][0]["spans"] == [{"start": 0, "end": 10, "text": "Demensvård"}]
    missing = subprocess.run(
        [*mimis, "skills", "suggest", str(Path(tmp_path, "nope.txt"))],
        env=env,
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2
    assert "nope.txt" in missing.stderr and missing.stdout == ""
