"""The data layer: one model per table, errors with file, line and field, hashes, active sets."""

import copy
import json

import pytest

from govreport_nlp.tables import (
    PACKAGE_DIR,
    TABLES,
    TableError,
    Tables,
    active_tables,
    package_path,
    package_tables,
    read_table,
    register_table,
    table_hash,
    use_tables,
    validate_table,
)

#: Data files of the package that are not rule tables: span-ruler records (validated by schemas.py).
PATTERN_FILES = {"orgs/data/org_patterns.jsonl"}
#: The pkuseg user dictionary, read by the tokenizer through segmenter/user_dict.py beside it.
OTHER_DATA_FILES = {"segmenter/user_dict.txt"}


def test_every_package_file_is_a_registered_table():
    files = {spec.location for spec in TABLES.values()}
    on_disk = {
        p.relative_to(PACKAGE_DIR).as_posix()
        for p in PACKAGE_DIR.rglob("*")
        if p.is_file() and p.suffix in (".json", ".jsonl", ".txt")
    }
    assert on_disk - PATTERN_FILES - OTHER_DATA_FILES <= files, on_disk - PATTERN_FILES - OTHER_DATA_FILES - files
    for name in TABLES:
        assert read_table(name) == package_tables()[name]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_registered_table_file_exists_in_its_domain_package_and_validates(name):
    spec = TABLES[name]
    package, folder, filename = spec.location.split("/")
    assert folder == "data" and filename == spec.filename
    assert (PACKAGE_DIR / package / "__init__.py").is_file(), f"{spec.location}: not in a package of its own"
    assert spec.package_file == package_path(name) == PACKAGE_DIR / package / "data" / filename
    assert spec.package_file.is_file(), spec.location
    assert read_table(name) == package_tables()[name]
    assert package_tables().source(name) == str(spec.package_file)


def _package_data():
    """(directory, globs) of every package of pyproject.toml that has package data."""
    tomllib = pytest.importorskip("tomllib")
    root = PACKAGE_DIR.parent
    with open(root / "pyproject.toml", "rb") as f:
        setup = tomllib.load(f)["tool"]["setuptools"]
    dirs = setup.get("package-dir", {})
    for package, globs in setup["package-data"].items():
        assert package in setup["packages"], package
        directory = root / dirs[package] if package in dirs else root.joinpath(*package.split("."))
        yield directory, globs


@pytest.mark.parametrize(
    "location", sorted({spec.location for spec in TABLES.values()} | PATTERN_FILES | OTHER_DATA_FILES)
)
def test_the_package_data_globs_ship_every_table_file(location):
    """The wheel carries a file only if a package-data glob of its package matches it."""
    path = PACKAGE_DIR / location
    shipped = {p for directory, globs in _package_data() for g in globs for p in directory.glob(g)}
    assert path in shipped, f"{location}: no package-data glob in pyproject.toml matches it"


@pytest.mark.parametrize("name", sorted(n for n, s in TABLES.items() if s.format == "json"))
def test_an_unknown_key_names_file_line_and_allowed_keys(tmp_path, name):
    data = copy.deepcopy(package_tables()[name])
    data["zz_colour"] = ["red"]
    path = tmp_path / TABLES[name].filename
    text = json.dumps(data, ensure_ascii=False, indent=1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if '"zz_colour"' in x)) + 1
    with pytest.raises(TableError) as err:
        read_table(name, path)
    message = str(err.value)
    assert message.startswith("[E201]")
    assert f"{path}, line {line}: field 'zz_colour': unknown key (allowed keys: _doc" in message


def test_a_wrong_type_names_the_field_and_its_line(tmp_path):
    path = tmp_path / "org_places.json"
    path.write_text(
        '{\n "provinces": {},\n "cities": ["郑州", 3],\n "regions": [],\n "place_suffixes": []\n}', encoding="utf-8"
    )
    with pytest.raises(TableError, match=r"org_places.json, line 3: field 'cities.1': Input should be a valid string"):
        read_table("org_places", path)


def test_a_qualifier_value_outside_the_guide_is_refused():
    data = copy.deepcopy(package_tables()["qualifiers"])
    data["verbs_before"]["超过"] = "roughly"
    with pytest.raises(TableError, match=r"field 'verbs_before.超过'"):
        validate_table("qualifiers", data, "q.json")


def test_suffix_lines_are_checked_with_their_line(tmp_path):
    path = tmp_path / "org_suffixes.txt"
    path.write_text("# comment\n局\tgov\n公司\n委员会\tgovernment\n局\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"org_suffixes.txt, line 4: field 'flags.0'"):
        read_table("org_suffixes", path)
    path.write_text("局\tgov\n公司\n局\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"\[E202\] .*org_suffixes.txt, line 3: '局' repeats line 1"):
        read_table("org_suffixes", path)


def test_duplicate_json_keys_and_bad_json_are_errors(tmp_path):
    path = tmp_path / "metric_grammar.json"
    path.write_text('{"link": [], "link": []}', encoding="utf-8")
    with pytest.raises(TableError, match="E203.*given twice"):
        read_table("metric_grammar", path)
    path.write_text('{"link": [}', encoding="utf-8")
    with pytest.raises(TableError, match=r"E203.*line 1: not valid JSON"):
        read_table("metric_grammar", path)


def test_hashes_follow_content_not_layout():
    data = package_tables()["org_places"]
    shuffled = dict(reversed(list(data.items())))
    assert table_hash(shuffled) == table_hash(data)
    changed = copy.deepcopy(data)
    changed["cities"].append("雄州")
    assert table_hash(changed) != table_hash(data)


def test_replace_validates_and_keeps_the_rest():
    tables = Tables.load(["org_places", "org_rules"])
    places = copy.deepcopy(tables["org_places"])
    places["cities"].append("雄州")
    new = tables.replace({"org_places": places})
    assert new.hashes["org_rules"] == tables.hashes["org_rules"]
    assert new.hashes["org_places"] != tables.hashes["org_places"]
    with pytest.raises(TableError, match="E201"):
        tables.replace({"org_places": {"cities": "雄州"}})


def test_active_tables_are_the_components_inside_use_tables():
    from govreport_nlp.lexicon import places_data
    from govreport_nlp.metrics.units import default_table

    places = copy.deepcopy(package_tables()["org_places"])
    places["cities"].append("雄州")
    units = copy.deepcopy(package_tables()["units"])
    units["units"].append({"unit": "乘", "family": "count"})
    mine = Tables({"org_places": places, "units": units})
    assert "雄州" not in places_data()["cities"] and "乘" not in default_table()
    with use_tables(mine):
        assert active_tables() is mine
        assert "雄州" in places_data()["cities"] and "乘" in default_table()
        with pytest.raises(TableError, match="E205.*org_rules"):
            active_tables()["org_rules"]
    assert "乘" not in default_table()


def test_a_new_table_is_registered_in_one_line(tmp_path):
    from pydantic import BaseModel, ConfigDict

    class Cues(BaseModel):
        model_config = ConfigDict(extra="forbid")
        target_cues: list[str]

    try:
        register_table("target_cues", "target_cues.json", Cues)
        path = tmp_path / "target_cues.json"
        path.write_text('{"target_cues": ["力争", "预期"]}', encoding="utf-8")
        assert read_table("target_cues", path) == {"target_cues": ["力争", "预期"]}
        tables = Tables.load(["target_cues"], {"target_cues": path})
        tables.to_disk(tmp_path / "saved")
        assert Tables.from_disk(tmp_path / "saved", ["target_cues"]).hashes == tables.hashes
    finally:
        TABLES.pop("target_cues", None)
